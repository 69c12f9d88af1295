import Foundation
import PMCModel

/// Where a built dataset's files go under its output folder.
///
///     OUT/shards/commercial/000000.tar ... sizes.json index.json
///     OUT/shards/noncommercial/...   OUT/shards/other/...
///     OUT/parquet/samples.parquet    OUT/parquet/articles.parquet
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

    /// The catalog a build keeps beside its dataset unless told otherwise.
    public var defaultCatalog: URL { root.appendingPathComponent("catalog.sqlite") }

    /// Deletes the shards and tables, leaving the rest of the folder alone.
    func removeOutputs() throws {
        for folder in [shardsFolder, parquetFolder] where FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder)
        }
    }
}
