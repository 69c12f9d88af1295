import Catalog
import Dataset
import Foundation
import Logging
import PMCModel

/// Joins the parts that `build --shard I/N` wrote into the dataset that one unsharded build with
/// the same flags writes, byte for byte: the same shards, `sizes.json`, `index.json` and
/// Parquet tables, and a catalog that a later `build` or `serialize` finds up to date.
///
/// The parts' extracted articles are copied into the merged catalog; then their serialized
/// articles are taken in PMCID order across all parts (each part is already in that order, so
/// the parts are merged like sorted lists), their samples renumbered and their duplicates
/// decided again across the whole dataset: a sample its part kept can duplicate one of an
/// earlier part. Images are streamed from the parts' shards into the merged ones; memory stays
/// bounded whatever the size of the parts.
///
/// The parts are read under their folders' shared locks, so a build still writing one is waited
/// for or refused; the output is written under its own lock.
public struct MergeStage: Sendable {
    /// Articles per commit, and per page read from a part.
    public var batchSize = 64

    private let parts: [URL]
    private let output: URL

    /// Creates the stage joining `parts` (at least one) into `output`, which must be absent, empty,
    /// or left by a merge that was stopped, which is started again.
    public init(parts: [URL], output: URL) {
        self.parts = parts.map(\.standardizedFileURL)
        self.output = output.standardizedFileURL
    }

    /// Runs the merge.
    /// - Throws: `MergeError` when the parts cannot be merged (then the output folder is left
    ///   empty), `DatasetError` when a part or the output is held by another run, `CatalogError`
    ///   or a `WebDatasetError` when they cannot be read or the output written.
    public func run(in context: RunContext) async throws -> Summary {
        guard !parts.isEmpty else { throw UsageError("a merge needs at least one part") }
        var folders: [DatasetFolder] = []
        defer { for folder in folders { folder.release() } }
        for part in parts {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: part.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw MergeError.missingPart(part.path)
            }
            guard FileManager.default.fileExists(atPath: DatasetLayout(root: part).defaultCatalog.path) else {
                throw MergeError.missingCatalog(part.path)
            }
            folders.append(try await DatasetFolder.openForReading(part, wait: context.waitForLocks))
        }
        let parts = try folders.map(MergePart.init(folder:))
        let options = try commonOptions(of: parts)
        let dataset = try await DatasetFolder.openForWriting(output, catalog: nil, wait: context.waitForLocks)
        var leftEmpty = false
        defer { leftEmpty ? dataset.releaseRemovingLockFile() : dataset.release() }
        // Looked at under the lock: a run that held it before this one may have filled the folder.
        if !dataset.isEmpty {
            guard try Self.isUnfinishedMerge(dataset) else { throw MergeError.outputNotEmpty(output.path) }
            context.logger.notice("\(output.path) holds a merge that did not finish: merging again from the start")
            try dataset.clear()
        }
        do {
            let catalog = try await LockedCatalog.openForWriting(dataset.layout.defaultCatalog, create: true, wait: context.waitForLocks)
            defer { catalog.release() }
            return try merge(parts, into: dataset, catalog: catalog.catalog, options: options, context: context)
        } catch {
            // The folder was empty before this run (or held only what an earlier merge left): it is left empty.
            try? dataset.clear()
            leftEmpty = true
            throw error
        }
    }

    /// True when `dataset` holds what a merge left when it was stopped (killed, or its machine
    /// lost): its catalog's last run is a merge that never finished, or it records no run at all
    /// (made by a run stopped at once).
    private static func isUnfinishedMerge(_ dataset: DatasetFolder) throws -> Bool {
        guard FileManager.default.fileExists(atPath: dataset.layout.defaultCatalog.path) else { return false }
        guard let run = try Catalog(readingAt: dataset.layout.defaultCatalog.path).lastRun() else { return true }
        return run.stage == "merge" && !run.finished
    }

    /// The parts' serialize options, which must be the same for all.
    private func commonOptions(of parts: [MergePart]) throws -> SerializeOptions {
        let first = parts[0]
        for part in parts.dropFirst() where part.options != first.options {
            let words = Set(first.options.fingerprint.split(separator: " "))
            let others = Set(part.options.fingerprint.split(separator: " "))
            throw MergeError.differentOptions(
                part: part.root.path, options: others.subtracting(words).sorted().joined(separator: " "),
                first: first.root.path, firstOptions: words.subtracting(others).sorted().joined(separator: " "))
        }
        return first.options
    }

    private func merge(
        _ parts: [MergePart], into dataset: DatasetFolder, catalog: Catalog, options: SerializeOptions, context: RunContext
    ) throws -> Summary {
        let runID = try catalog.startRun(stage: "merge", source: parts.map(\.root.path).joined(separator: " "))
        try importExtraction(of: parts, into: catalog, logger: context.logger)

        var summary = Summary()
        summary.parts = parts.count
        let writer = try DatasetWriter(
            catalog: catalog, dataset: dataset, options: options, checkpoint: SerializeCheckpoint(options: options.fingerprint),
            batchSize: batchSize)
        let decoder = JSONDecoder()
        var articles = parts.map { PartArticles(catalog: $0.catalog, pageSize: batchSize) }
        let images = parts.map(PartImages.init(part:))

        while let index = try nextPart(&articles), let article = try articles[index].peek() {
            articles[index].take()
            var records: [SampleRecord] = []
            for record in article.samples {
                // Read even when the sample is left out now, to stay in step with the shard.
                let image = try record.shard.map { _ in try images[index].image(of: record) }
                guard let group = LicenseGroup(rawValue: record.licenseGroup) else {
                    throw MergeError.corruptPart(parts[index].root.path, reason: "\(record.key) has no license group")
                }
                let merged = try writer.add(
                    decoder.decode(Sample.self, from: Data(record.metadata.utf8)), figurePosition: record.figurePosition,
                    graphicPosition: record.graphicPosition, licenseGroup: group,
                    image: {
                        guard let image else {
                            throw MergeError.corruptPart(parts[index].root.path, reason: "no image in the shards for \(record.key)")
                        }
                        return image
                    })
                if merged.duplicateOf != nil, record.duplicateOf == nil { summary.crossPartDuplicates += 1 }
                if merged.shard != nil { summary.samplesByGroup[group.rawValue, default: 0] += 1 }
                records.append(merged)
            }
            try writer.finishArticle(SerializedArticle(id: article.id, fingerprint: article.fingerprint, samples: records, problems: article.problems))
            summary.articles += 1
            context.progress(summary.progressEvent)
        }
        summary.shards = try writer.finish().values.reduce(0) { $0 + $1.count }
        let encoded = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try catalog.finishRun(runID, summary: encoded)
        return summary
    }

    /// Copies every part's extracted articles into `catalog`, refusing an article in two parts.
    private func importExtraction(of parts: [MergePart], into catalog: Catalog, logger: Logger) throws {
        for (index, part) in parts.enumerated() {
            if let pmcid = try catalog.sharedArticle(with: part.catalog.path) {
                let other = try parts[..<index].first { try $0.catalog.sharedArticle(with: part.catalog.path) == pmcid }
                throw MergeError.overlap(pmcid: pmcid, part: part.root.path, other: other?.root.path ?? "an earlier part")
            }
            try catalog.importExtraction(from: part.catalog.path)
            logger.info("imported the articles of \(part.root.path)")
        }
    }

    /// The index of the part whose next article comes first in PMCID order; nil when all are done.
    private func nextPart(_ articles: inout [PartArticles]) throws -> Int? {
        var best: (index: Int, id: ArticleVersion)?
        for index in articles.indices {
            guard let id = try articles[index].peek()?.id else { continue }
            if best.map({ id < $0.id }) ?? true { best = (index, id) }
        }
        return best?.index
    }
}
