import Catalog
import Foundation
import Logging
import PMCModel
import PMCSource
import Parquet
import WebDataset

/// The serialize stage: turns the catalog's articles into WebDataset shards (one folder per
/// license group), `sizes.json` and `index.json`, and the Parquet tables.
///
/// Articles go in PMCID order, `jobs` sampled at once, and are written in that order, so the
/// same catalog and options give byte-identical shards. Every `batchSize` articles the open
/// shards are synced and the batch's samples committed with a checkpoint of the writers; a run
/// killed at any point resumes from the checkpoint and ends with the bytes an uninterrupted run
/// writes. Exact duplicates are found across the whole build through the catalog: the first
/// sample with the same pixels is kept.
public struct SerializeStage: Sendable {
    /// Articles sampled at the same time.
    public var jobs: Int
    /// How samples are made and written.
    public var options: SerializeOptions
    /// Articles per commit.
    public var batchSize = 64

    private let source: any ArticleSource
    private let catalog: Catalog
    private let layout: DatasetLayout
    private let logger: Logger

    /// Creates the stage writing under `output`.
    public init(source: any ArticleSource, catalog: Catalog, output: URL, jobs: Int, options: SerializeOptions, logger: Logger) {
        self.source = source
        self.catalog = catalog
        self.layout = DatasetLayout(root: output)
        self.jobs = max(1, jobs)
        self.options = options
        self.logger = logger
    }

    /// Runs the stage, calling `progress` after every committed batch and once at the end.
    public func run(progress: @Sendable (SerializeSummary) -> Void = { _ in }) async throws -> SerializeSummary {
        let runID = try catalog.startRun(stage: "serialize", source: source.description)
        var summary = SerializeSummary()
        var checkpoint = try startingPoint(&summary)
        if try checkpoint.finished && catalog.countStoredArticles(after: checkpoint.lastArticle) == 0 {
            logger.info("the dataset in \(layout.root.path) is up to date")
        } else {
            let writers: GroupShardWriters
            do {
                writers = try GroupShardWriters(layout: layout, options: options.shardWriterOptions, resumingFrom: checkpoint.writers)
            } catch let error as WebDatasetError {
                // The shards on disk no longer match the checkpoint (deleted or cut short by hand).
                logger.notice("cannot continue the shards (\(error)): writing them again")
                summary.rebuilt = true
                checkpoint = try restart()
                writers = try GroupShardWriters(layout: layout, options: options.shardWriterOptions, resumingFrom: [:])
            }
            summary.pending = try catalog.countStoredArticles(after: checkpoint.lastArticle)
            summary.resumed = try catalog.countStoredArticles(after: nil) - summary.pending
            checkpoint = try await serialize(from: checkpoint, into: writers, summary: &summary, progress: progress)
        }
        try totals(into: &summary)
        progress(summary)
        let encoded = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try catalog.finishRun(runID, summary: encoded)
        return summary
    }

    /// The checkpoint to continue from, or a fresh one after clearing what cannot be continued.
    private func startingPoint(_ summary: inout SerializeSummary) throws -> SerializeCheckpoint {
        if let text = try catalog.serializeCheckpoint(), let saved = SerializeCheckpoint.decode(text) {
            if saved.options != options.fingerprint {
                logger.notice("the serialize options changed since the shards were written: writing them again")
            } else if try catalog.staleSerializations(through: saved.lastArticle) > 0 {
                logger.notice("articles changed in the catalog since the shards were written: writing them again")
            } else {
                return saved
            }
            summary.rebuilt = true
        }
        return try restart()
    }

    /// Forgets every sample and removes the shards and tables.
    private func restart() throws -> SerializeCheckpoint {
        try catalog.resetSerialization()
        try layout.removeOutputs()
        return SerializeCheckpoint(options: options.fingerprint)
    }

    private func serialize(
        from start: SerializeCheckpoint, into writers: GroupShardWriters, summary: inout SerializeSummary,
        progress: @Sendable (SerializeSummary) -> Void
    ) async throws -> SerializeCheckpoint {
        var checkpoint = start
        checkpoint.finished = false
        let sampler = ArticleSampler(source: source, options: options)
        let encoder = Sample.jsonEncoder()
        var batch: [SerializedArticle] = []
        var keptInBatch: [String: String] = [:]

        func commit() throws {
            checkpoint.writers = try writers.checkpoint()
            try catalog.commitSerialization(batch, checkpoint: checkpoint.encoded())
            batch.removeAll(keepingCapacity: true)
            keptInBatch.removeAll(keepingCapacity: true)
            progress(summary)
        }

        func take(_ sampled: SampledArticle) throws {
            var records: [SampleRecord] = []
            for candidate in sampled.candidates {
                let pixels = candidate.sample.imagePixelHash
                let original = try keptInBatch[pixels] ?? catalog.keptSample(withPixelHash: pixels)
                var sample = candidate.sample
                sample.imageDuplicateOf = original
                if original != nil { summary.duplicates += 1 }
                if original == nil || options.keepDuplicates {
                    var written = candidate
                    written.sample = sample
                    sample = try writers.write(written, encoder: encoder)
                    summary.samplesByGroup[candidate.licenseGroup.rawValue, default: 0] += 1
                }
                if original == nil { keptInBatch[pixels] = sample.imageID }
                records.append(SampleRecord(
                    figurePosition: candidate.figurePosition, graphicPosition: candidate.graphicPosition,
                    sequence: checkpoint.nextSequence, key: sample.imageID, licenseGroup: candidate.licenseGroup.rawValue,
                    pixelHash: pixels, duplicateOf: original, shard: sample.shard,
                    metadata: String(decoding: try encoder.encode(sample), as: UTF8.self)))
                checkpoint.nextSequence += 1
            }
            for problem in sampled.problems {
                if problem.severity == .error {
                    summary.failedByReason[problem.kind, default: 0] += 1
                    logger.warning("\(problem.message)", metadata: ["kind": "\(problem.kind)"])
                } else {
                    summary.droppedByReason[problem.kind, default: 0] += 1
                    logger.debug("\(problem.message)", metadata: ["kind": "\(problem.kind)"])
                }
            }
            batch.append(SerializedArticle(id: sampled.id, fingerprint: sampled.fingerprint, samples: records, problems: sampled.problems))
            checkpoint.lastArticle = sampled.id
            summary.articles += 1
            if batch.count >= batchSize { try commit() }
        }

        // Sampling runs `jobs` articles ahead in tasks; results are taken strictly in order.
        var window: [Task<SampledArticle, any Error>] = []
        defer { for task in window { task.cancel() } }
        var cursor = checkpoint.lastArticle
        do {
            while true {
                let page = try catalog.storedArticles(after: cursor, limit: batchSize)
                guard let last = page.last else { break }
                cursor = last.id
                for article in page {
                    if window.count >= jobs { try take(await window.removeFirst().value) }
                    window.append(Task { try await sampler.sample(article) })
                }
            }
            while !window.isEmpty { try take(await window.removeFirst().value) }
        } catch let error as SourceError {
            // Keep what was done before the source failed: the next run goes on from there.
            try? commit()
            throw error
        }

        // Keep the writers' positions from before the shards are closed: a later run with new
        // articles reopens the last shard and continues it as one uninterrupted run would.
        try commit()
        _ = try writers.close()
        try DatasetTables(catalog: catalog, layout: layout, compat: options.biomedicaCompat).write()
        checkpoint.finished = true
        try catalog.commitSerialization([], checkpoint: checkpoint.encoded())
        return checkpoint
    }

    /// Fills the dataset-wide totals from the shard indexes on disk.
    private func totals(into summary: inout SerializeSummary) throws {
        for group in LicenseGroup.allCases {
            let folder = layout.shards(group)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(ShardIndex.indexFileName).path) else { continue }
            let shards = try ShardIndex.read(from: folder)
            summary.totalSamplesByGroup[group.rawValue] = shards.reduce(0) { $0 + $1.samples }
            summary.totalShards += shards.count
        }
    }
}
