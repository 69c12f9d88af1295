import Catalog
import Foundation
import PMCModel
import WebDataset

/// Writes a dataset's samples in build order, for the serialize stage and for merge alike:
/// decides exact duplicates across the whole build (the first sample with the same pixels is
/// kept), writes the samples that stay into their group's shards, and every `batchSize` articles
/// syncs the shards and commits the batch with a checkpoint.
final class DatasetWriter {
    /// Where the run stands; committed with every batch.
    private(set) var checkpoint: SerializeCheckpoint
    private let catalog: Catalog
    private let layout: DatasetLayout
    private let options: SerializeOptions
    private let batchSize: Int
    private let writers: GroupShardWriters
    private let encoder = Sample.jsonEncoder()
    private var batch: [SerializedArticle] = []
    /// Whether any image has a cluster, and the clusters' labels: read once, not per sample.
    private let annotated: Bool
    private let clusterLabels: [Int: ClusterLabel]
    /// Samples kept in the batch not committed yet, by pixel hash: the catalog knows the rest.
    private var keptInBatch: [String: String] = [:]

    /// Opens the shard writers where `checkpoint` left them.
    /// - Throws: `WebDatasetError` when the shards on disk do not match the checkpoint.
    init(catalog: Catalog, layout: DatasetLayout, options: SerializeOptions, checkpoint: SerializeCheckpoint, batchSize: Int) throws {
        self.catalog = catalog
        self.layout = layout
        self.options = options
        self.batchSize = batchSize
        self.checkpoint = checkpoint
        self.checkpoint.finished = false
        annotated = try catalog.hasImageClusters()
        clusterLabels = try catalog.clusterLabels()
        writers = try GroupShardWriters(layout: layout, options: options.shardWriterOptions, resumingFrom: checkpoint.writers)
    }

    /// Adds the next sample: marks it as a duplicate of the kept sample with the same pixels, if
    /// any, and writes it unless it is a duplicate left out. `image` is read only to write it.
    /// - Returns: the sample as recorded, with its shard (nil when left out) and `duplicateOf`.
    func add(
        _ sample: Sample, figurePosition: Int, graphicPosition: Int, licenseGroup: LicenseGroup, image: () throws -> Data
    ) throws -> SampleRecord {
        let pixels = sample.imagePixelHash
        let original = try keptInBatch[pixels] ?? catalog.keptSample(withPixelHash: pixels)
        var sample = sample
        sample.imageDuplicateOf = original
        // Labels from an earlier annotation stay with the image when the shards are written again.
        if annotated {
            sample.annotate(cluster: try catalog.imageCluster(forKey: sample.imageID), labels: clusterLabels)
        }
        sample.shard = nil
        let json: Data
        if original == nil || options.keepDuplicates {
            (sample, json) = try writers.write(sample, image: image(), group: licenseGroup, encoder: encoder)
        } else {
            json = try encoder.encode(sample)
        }
        if original == nil { keptInBatch[pixels] = sample.imageID }
        defer { checkpoint.nextSequence += 1 }
        return SampleRecord(
            figurePosition: figurePosition, graphicPosition: graphicPosition, sequence: checkpoint.nextSequence,
            key: sample.imageID, licenseGroup: licenseGroup.rawValue, pixelHash: pixels, duplicateOf: original,
            shard: sample.shard, metadata: String(decoding: json, as: UTF8.self))
    }

    /// Ends an article whose samples were added; commits when the batch is full.
    /// - Returns: true when it committed.
    @discardableResult
    func finishArticle(_ article: SerializedArticle) throws -> Bool {
        batch.append(article)
        checkpoint.lastArticle = article.id
        guard batch.count >= batchSize else { return false }
        try commit()
        return true
    }

    /// Syncs the shards and commits the batch with the checkpoint.
    func commit() throws {
        checkpoint.writers = try writers.checkpoint()
        try catalog.commitSerialization(batch, checkpoint: checkpoint.encoded())
        batch.removeAll(keepingCapacity: true)
        keptInBatch.removeAll(keepingCapacity: true)
    }

    /// Commits the rest, closes the shards, writes the indexes and Parquet tables, and records
    /// the dataset as finished. Returns the shards of each group.
    func finish() throws -> [LicenseGroup: [ShardResult]] {
        // The checkpoint keeps the writers' positions from before the shards are closed: a later
        // run with new articles reopens the last shard and continues it as one run would.
        try commit()
        let shards = try writers.close()
        try DatasetTables(catalog: catalog, layout: layout, compat: options.biomedicaCompat).write()
        checkpoint.finished = true
        checkpoint.tablesOutdated = nil
        try catalog.commitSerialization([], checkpoint: checkpoint.encoded())
        return shards
    }
}
