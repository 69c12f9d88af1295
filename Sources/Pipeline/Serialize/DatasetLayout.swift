import Foundation
import PMCModel

/// Where a built dataset's files go under its output folder.
///
///     OUT/shards/commercial/000000.tar ... sizes.json index.json
///     OUT/shards/noncommercial/...   OUT/shards/other/...
///     OUT/parquet/samples.parquet    OUT/parquet/articles.parquet
///     OUT/features/EXTRACTOR/commercial/000000.npy 000000.keys ...   (annotate)
///     OUT/annotation/model/ ... OUT/annotation/review/ ...          (annotate)
public struct DatasetLayout: Sendable {
    /// The output folder.
    public let root: URL

    /// The layout under `root`.
    public init(root: URL) {
        self.root = root
    }

    /// The folder holding every group's shards.
    public var shardsFolder: URL { root.appendingPathComponent("shards") }

    /// The shard folder of one license group.
    public func shards(_ group: LicenseGroup) -> URL { shardsFolder.appendingPathComponent(group.rawValue) }

    /// The folder holding the Parquet tables.
    public var parquetFolder: URL { root.appendingPathComponent("parquet") }

    /// One row per sample in the shards.
    public var samplesTable: URL { parquetFolder.appendingPathComponent("samples.parquet") }

    /// One row per article version.
    public var articlesTable: URL { parquetFolder.appendingPathComponent("articles.parquet") }

    /// The folder holding the feature files of one extractor, one per shard.
    public func features(extractor: String) -> URL {
        root.appendingPathComponent("features").appendingPathComponent(extractor)
    }

    /// The folder of annotation's own outputs: the fitted model, review material.
    public var annotationFolder: URL { root.appendingPathComponent("annotation") }

    /// The catalog a build keeps beside its dataset unless told otherwise.
    public var defaultCatalog: URL { root.appendingPathComponent("catalog.sqlite") }

    /// Deletes the shards, tables and features, leaving the rest of the folder alone: features
    /// belong to the shards they were computed from.
    func removeOutputs() throws {
        for folder in [shardsFolder, parquetFolder, root.appendingPathComponent("features")] where FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder)
        }
    }
}
