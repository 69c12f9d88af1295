import Annotation
import Catalog
import Dataset
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
/// writes. Exact and near duplicates are found across the whole build through the catalog.
///
/// With `features`, every image's vector is computed from the thumbnail its processing already
/// decoded, and each shard's feature file written beside it (`features/NAME/GROUP/NNNNNN.npy`,
/// see `ShardFeatureWriter`): annotation then reads them instead of decoding the images again.
public struct SerializeStage: Sendable {
    /// How samples are made and written.
    public var options: SerializeOptions
    /// Articles per commit.
    public var batchSize = 64
    /// The extractor whose feature files the stage writes, if any.
    public var features: (any FeatureExtractor)?

    private let source: any ArticleSource
    private let catalog: Catalog
    private let dataset: DatasetFolder

    /// Creates the stage writing into `dataset`.
    public init(source: any ArticleSource, catalog: Catalog, dataset: DatasetFolder, options: SerializeOptions) {
        self.source = source
        self.catalog = catalog
        self.dataset = dataset
        self.options = options
    }

    private var layout: DatasetLayout { dataset.layout }

    /// Runs the stage, `context.jobs` articles sampled at once (default: the cores), reporting
    /// progress after every article.
    public func run(in context: RunContext) async throws -> Summary {
        let logger = context.logger
        let runID = try catalog.startRun(stage: "serialize", source: source.description)
        var summary = Summary()
        var checkpoint = try startingPoint(&summary, logger: logger)
        summary.pending = try catalog.countStoredArticles(after: checkpoint.lastArticle)
        summary.resumed = try catalog.countStoredArticles(after: nil) - summary.pending
        if try checkpoint.finished && summary.pending == 0 && outputsAreComplete(checkpoint, logger: logger) {
            logger.info("the dataset in \(layout.root.path) is up to date")
        } else {
            let writer: DatasetWriter
            do {
                writer = try DatasetWriter(catalog: catalog, dataset: dataset, options: options, checkpoint: checkpoint, batchSize: batchSize)
            } catch let error as WebDatasetError {
                // The shards on disk no longer match the checkpoint (deleted, cut short or changed by hand).
                logger.notice("cannot continue the shards (\(error)): writing them again")
                summary.rebuilt = true
                checkpoint = try restart()
                writer = try DatasetWriter(catalog: catalog, dataset: dataset, options: options, checkpoint: checkpoint, batchSize: batchSize)
            }
            summary.pending = try catalog.countStoredArticles(after: checkpoint.lastArticle)
            summary.resumed = try catalog.countStoredArticles(after: nil) - summary.pending
            try await serialize(into: writer, summary: &summary, context: context)
        }
        try totals(into: &summary)
        context.progress(summary.progressEvent)
        let encoded = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try catalog.finishRun(runID, summary: encoded)
        return summary
    }

    /// True when every file a finished checkpoint promises is on disk as written: each group's
    /// shards (see `ShardWriterPosition.firstChangedShard`), its indexes, and the tables. A dataset
    /// missing one is written again. Shards found unchanged under a new time keep it as their stamp.
    private func outputsAreComplete(_ checkpoint: SerializeCheckpoint, logger: Logger) throws -> Bool {
        let fm = FileManager.default
        var verified = checkpoint
        for (name, position) in checkpoint.writers {
            guard let group = LicenseGroup(rawValue: name) else { return false }
            let folder = layout.shards(group)
            var position = position
            if let changed = position.firstChangedShard(in: folder, closed: true) {
                logger.notice("\(folder.appendingPathComponent(changed).path) is missing or changed: writing the dataset again")
                return false
            }
            verified.writers[name] = position
            for index in [ShardIndex.sizesFileName, ShardIndex.indexFileName]
            where !fm.fileExists(atPath: folder.appendingPathComponent(index).path) {
                logger.notice("\(folder.appendingPathComponent(index).path) is missing: writing the dataset again")
                return false
            }
        }
        for table in [layout.samplesTable, layout.articlesTable] where !fm.fileExists(atPath: table.path) {
            logger.notice("\(table.path) is missing: writing the dataset again")
            return false
        }
        try catalog.recordShardStamps(of: verified, since: checkpoint)
        return true
    }

    /// The checkpoint to continue from, or a fresh one after clearing what cannot be continued.
    private func startingPoint(_ summary: inout Summary, logger: Logger) throws -> SerializeCheckpoint {
        if let saved = try catalog.datasetCheckpoint() {
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
        try dataset.removeOutputs()
        return SerializeCheckpoint(options: options.fingerprint)
    }

    private func serialize(into writer: DatasetWriter, summary: inout Summary, context: RunContext) async throws {
        let logger = context.logger
        let jobs = context.jobsForCores
        let sampler = ArticleSampler(source: source, options: options, features: features)
        let featureWriter = try features.map { try ShardFeatureWriter(dataset: dataset, extractor: $0.name, checkpoint: writer.checkpoint) }

        func take(_ sampled: SampledArticle) throws {
            var records: [SampleRecord] = []
            for candidate in sampled.candidates {
                let record = try writer.add(
                    candidate.sample, figurePosition: candidate.figurePosition, graphicPosition: candidate.graphicPosition,
                    licenseGroup: candidate.licenseGroup, image: { candidate.image })
                if record.duplicateOf != nil { summary.duplicates += 1 }
                if record.nearDuplicateOf != nil { summary.nearDuplicates += 1 }
                if let shard = record.shard {
                    summary.samplesByGroup[record.licenseGroup, default: 0] += 1
                    if let vector = candidate.features {
                        try featureWriter?.add(vector, key: record.key, shard: shard, group: candidate.licenseGroup)
                    }
                }
                records.append(record)
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
            summary.articles += 1
            let article = SerializedArticle(id: sampled.id, fingerprint: sampled.fingerprint, samples: records, problems: sampled.problems)
            // A cancelled run stops right after a commit, so that it resumes from there.
            if try writer.finishArticle(article) { try Task.checkCancellation() }
            context.progress(summary.progressEvent)
        }

        // `jobs` articles are sampled at once and taken strictly in order. A finished article waits
        // for those before it while the next ones start, up to `jobs * 2` of them: waiting for the
        // one in front before starting another left a core idle behind every article with many
        // figures (two jobs gave 1.2 to 1.4 times one, now 1.6 to 1.8; four ahead gained no more).
        let ahead = jobs * 2
        var cursor = writer.checkpoint.lastArticle
        do {
            try await withThrowingTaskGroup(of: (Int, SampledArticle).self) { group in
                var page: [StoredArticle] = []
                var started = 0, running = 0, nextToTake = 0
                var finished: [Int: SampledArticle] = [:]
                var listedAll = false
                while true {
                    while running < jobs && started - nextToTake < ahead && !listedAll {
                        if page.isEmpty {
                            page = try catalog.storedArticles(after: cursor, limit: batchSize).reversed()
                            guard let last = page.first else { listedAll = true; break }
                            cursor = last.id
                        }
                        let article = page.removeLast()
                        let index = started
                        group.addTask { (index, try await sampler.sample(article)) }
                        started += 1
                        running += 1
                    }
                    guard let (index, sampled) = try await group.next() else { break }
                    running -= 1
                    finished[index] = sampled
                    while let next = finished.removeValue(forKey: nextToTake) {
                        try take(next)
                        nextToTake += 1
                    }
                }
            }
        } catch let error as SourceError {
            // Keep what was done before the source failed: the next run goes on from there.
            try? writer.commit()
            throw error
        }
        _ = try writer.finish()
        try featureWriter?.finish()
        summary.featureShards = featureWriter?.written ?? 0
    }

    /// Fills the dataset-wide totals from the shard indexes on disk.
    private func totals(into summary: inout Summary) throws {
        for group in LicenseGroup.allCases {
            let folder = layout.shards(group)
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(ShardIndex.indexFileName).path) else { continue }
            let shards = try ShardIndex.read(from: folder)
            summary.totalSamplesByGroup[group.rawValue] = shards.reduce(0) { $0 + $1.samples }
            summary.totalShards += shards.count
        }
    }
}
