import Catalog
import Foundation
import PMCModel
import WebDataset

/// Writes a dataset's samples in build order, for the serialize stage and for merge alike:
/// decides exact duplicates across the whole build (the first sample with the same bytes is kept)
/// and near duplicates (the nearest earlier perceptual hash within the distance asked for), writes
/// the samples that stay into their group's shards, and every `batchSize` articles syncs the
/// shards and commits the batch with a checkpoint.
public final class DatasetWriter {
    /// Where the run stands; committed with every batch.
    public private(set) var checkpoint: SerializeCheckpoint
    private let catalog: Catalog
    private let dataset: DatasetFolder
    private let options: SerializeOptions
    private let batchSize: Int
    private let writers: GroupShardWriters
    private let encoder = Sample.jsonEncoder()
    private var batch: [SerializedArticle] = []
    /// Whether any image has a cluster, and the clusters' labels: read once, not per sample.
    private let annotated: Bool
    private let clusterLabels: [Int: ClusterLabel]
    /// Samples kept in the batch not committed yet, by image hash: the catalog knows the rest.
    private var keptInBatch: [String: String] = [:]
    /// The batch's samples that are not exact duplicates, for near duplicates among them.
    private var hashedInBatch: [(hash: UInt64, found: NearSample)] = []
    /// The shards' stamps as last committed, so that a commit writes only those that changed.
    private var committedStamps: [String: ShardStamp]

    /// Opens the shard writers of `dataset` where `checkpoint` left them.
    /// - Throws: `WebDatasetError` when the shards on disk do not match the checkpoint.
    public init(catalog: Catalog, dataset: DatasetFolder, options: SerializeOptions, checkpoint: SerializeCheckpoint, batchSize: Int) throws {
        self.catalog = catalog
        self.dataset = dataset
        self.options = options
        self.batchSize = batchSize
        self.checkpoint = checkpoint
        self.checkpoint.finished = false
        committedStamps = checkpoint.shardStamps
        annotated = try catalog.hasImageClusters()
        clusterLabels = try catalog.clusterLabels()
        writers = try GroupShardWriters(layout: dataset.layout, options: options.shardWriterOptions, resumingFrom: checkpoint.writers)
    }

    /// Adds the next sample: marks it as a duplicate of the kept sample with the same bytes, or
    /// else as a near duplicate of the nearest earlier sample, and writes it unless it is a
    /// duplicate (or, with `dropNearDuplicates`, a near duplicate) left out. `image` is read only
    /// to write it.
    /// - Returns: the sample as recorded, with its shard (nil when left out) and what it duplicates.
    public func add(
        _ sample: Sample, figurePosition: Int, graphicPosition: Int, licenseGroup: LicenseGroup, image: () throws -> Data
    ) throws -> SampleRecord {
        var sample = sample
        let perceptualHash = UInt64(sample.imagePHash, radix: 16)
        sample.imageDuplicateOf = try keptInBatch[sample.imageHash] ?? catalog.keptSample(withImageHash: sample.imageHash)
        sample.imageNearDuplicateOf = nil
        if sample.imageDuplicateOf == nil, let perceptualHash {
            sample.imageNearDuplicateOf = try nearestSample(to: perceptualHash)?.key
        }
        // Labels from an earlier annotation stay with the image when the shards are written again.
        if annotated {
            sample.annotate(cluster: try catalog.imageCluster(forKey: sample.imageID), labels: clusterLabels)
        }
        sample.shard = nil
        let leftOut = (sample.imageDuplicateOf != nil && !options.keepDuplicates)
            || (sample.imageNearDuplicateOf != nil && options.dropNearDuplicates)
        let json: Data
        if leftOut {
            json = try encoder.encode(sample)
        } else {
            (sample, json) = try writers.write(sample, image: image(), group: licenseGroup, encoder: encoder)
        }
        if sample.imageDuplicateOf == nil {
            keptInBatch[sample.imageHash] = sample.imageID
            if let perceptualHash {
                hashedInBatch.append((perceptualHash, NearSample(key: sample.imageID, sequence: checkpoint.nextSequence, distance: 0)))
            }
        }
        defer { checkpoint.nextSequence += 1 }
        return SampleRecord(
            figurePosition: figurePosition, graphicPosition: graphicPosition, sequence: checkpoint.nextSequence,
            key: sample.imageID, licenseGroup: licenseGroup.rawValue, imageHash: sample.imageHash, perceptualHash: perceptualHash,
            duplicateOf: sample.imageDuplicateOf, nearDuplicateOf: sample.imageNearDuplicateOf, shard: sample.shard,
            metadata: String(decoding: json, as: UTF8.self))
    }

    /// The earlier sample, committed or in this batch, nearest `hash` within the distance asked for.
    private func nearestSample(to hash: UInt64) throws -> NearSample? {
        guard options.nearDuplicateDistance >= 0 else { return nil }
        var nearest = try catalog.nearestSample(toPerceptualHash: hash, within: options.nearDuplicateDistance)
        for (other, sample) in hashedInBatch {
            var found = sample
            found.distance = (other ^ hash).nonzeroBitCount
            if found.distance <= options.nearDuplicateDistance, nearest.map({ found.isNearer(than: $0) }) ?? true { nearest = found }
        }
        return nearest
    }

    /// Ends an article whose samples were added; commits when the batch is full.
    /// - Returns: true when it committed.
    @discardableResult
    public func finishArticle(_ article: SerializedArticle) throws -> Bool {
        batch.append(article)
        checkpoint.lastArticle = article.id
        guard batch.count >= batchSize else { return false }
        try commit()
        return true
    }

    /// Syncs the shards and commits the batch with the checkpoint.
    public func commit() throws {
        checkpoint.writers = try writers.checkpoint()
        try commitCheckpoint(batch)
        batch.removeAll(keepingCapacity: true)
        keptInBatch.removeAll(keepingCapacity: true)
        hashedInBatch.removeAll(keepingCapacity: true)
    }

    /// Commits the rest, closes the shards, writes the indexes and Parquet tables, and records
    /// the dataset as finished. Returns the shards of each group.
    public func finish() throws -> [LicenseGroup: [ShardResult]] {
        // The checkpoint keeps the writers' positions from before the shards are closed: a later
        // run with new articles reopens the last shard and continues it as one run would. Only
        // the stamps are taken after closing, to cover the last shard's final file too.
        try commit()
        let shards = try writers.close()
        for (group, stamps) in writers.stamps() {
            checkpoint.writers[group.rawValue]?.stamps = stamps
        }
        try DatasetTables(catalog: catalog, layout: dataset.layout, compat: options.biomedicaCompat).write()
        checkpoint.finished = true
        checkpoint.tablesOutdated = nil
        try commitCheckpoint([])
        return shards
    }

    /// Commits `articles` with the checkpoint and the stamps that changed since the last commit.
    private func commitCheckpoint(_ articles: [SerializedArticle]) throws {
        let stamps = checkpoint.shardStamps
        try catalog.commitSerialization(
            articles, checkpoint: checkpoint.encoded(), stamps: SerializeCheckpoint.stampRows(stamps, since: committedStamps))
        committedStamps = stamps
    }
}
