import Foundation
import PMCModel

/// Where a built dataset's files go under its output folder.
///
///     OUT/shards/commercial/000000.tar ... sizes.json index.json
///     OUT/shards/noncommercial/...   OUT/shards/other/...
///     OUT/parquet/samples.parquet    OUT/parquet/articles.parquet
///     OUT/features/EXTRACTOR/commercial/000000.npy 000000.keys ...   (annotate)
///     OUT/annotation/model/ ... OUT/annotation/review/ ...          (annotate)
///     OUT/catalog.sqlite  OUT/.biomedica-dataset.json (the marker)  OUT/.biomedica-dataset.lock
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

    /// The folder holding every extractor's feature files.
    public var featuresFolder: URL { root.appendingPathComponent("features") }

    /// The folder holding the feature files of one extractor, one per shard.
    public func features(extractor: String) -> URL {
        featuresFolder.appendingPathComponent(extractor)
    }

    /// The feature file of one shard, `features/EXTRACTOR/GROUP/NNNNNN.npy` (its keys beside it).
    public func featureFile(extractor: String, group: LicenseGroup, shard: String) -> URL {
        features(extractor: extractor).appendingPathComponent(group.rawValue)
            .appendingPathComponent(shard.replacingOccurrences(of: ".tar", with: ".npy"))
    }

    /// The folder of annotation's own outputs: the fitted model, review material.
    public var annotationFolder: URL { root.appendingPathComponent("annotation") }

    /// The cluster model a dataset fits for itself.
    public var modelFolder: URL { annotationFolder.appendingPathComponent("model") }

    /// The contact sheets and listings experts label clusters from.
    public var reviewFolder: URL { annotationFolder.appendingPathComponent("review") }

    /// The catalog a build keeps beside its dataset unless told otherwise.
    public var defaultCatalog: URL { root.appendingPathComponent("catalog.sqlite") }

    /// The file that marks the folder as a dataset biomedica made: a folder without it is one
    /// biomedica did not make, and is never written into unless it is empty.
    public var marker: URL { root.appendingPathComponent(Self.markerName) }

    /// The lock file: a writer holds it alone, readers together.
    public var lockFile: URL { root.appendingPathComponent(Self.lockName) }

    /// The marker's file name.
    public static let markerName = ".biomedica-dataset.json"
    /// The lock file's name.
    public static let lockName = ".biomedica-dataset.lock"
}
