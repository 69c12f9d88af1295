import Annotation
import Catalog
import Foundation
import Logging
import PMCModel

/// The annotate stage on a built dataset, as `build --annotate` runs it: features of every image
/// (`FeatureStage`), a cluster model (fitted on a sample of them, or one given), every image's
/// cluster into the catalog, the clusters' labels when given, those fields written into the
/// samples (`AnnotationWriter`), and the experts' review material (`ReviewWriter`).
///
/// Each step reuses what is done: features of unchanged shards, the dataset's own model, shards
/// already carrying their labels. The same dataset and settings give the same bytes.
public struct AnnotateStage: Sendable {
    /// Which model clusters the images.
    public enum ModelChoice: Sendable, Equatable {
        /// The model saved in this folder.
        case saved(String)
        /// The dataset's own model (`annotation/model`), fitted if it is not there yet.
        case datasetModel
        /// The dataset's own model, fitted again even if it is there.
        case refit
    }

    /// What to do.
    public struct Options: Sendable {
        /// Which model.
        public var model: ModelChoice = .datasetModel
        /// How to fit one.
        public var parameters = ClusterModel.Parameters()
        /// The clusters' labels, replacing those in the catalog; nil keeps the catalog's.
        public var labels: [Int: ClusterLabel]?
        /// Write the contact sheets and listings.
        public var review = true
        /// Images decoded, k-means threads, and shards rewritten, at once.
        public var jobs = 1

        /// The defaults: the dataset's own model, BIOMEDICA's settings, review material written.
        public init() {}
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// The features step.
        public var features = FeatureStage.Summary()
        /// The model's fingerprint.
        public var model = ""
        /// The model's clusters.
        public var clusters = 0
        /// True when the model was fitted in this run.
        public var fitted = false
        /// Images given a cluster.
        public var assigned = 0
        /// Clusters with labels.
        public var labelledClusters = 0
        /// What writing the fields into the dataset changed.
        public var written = AnnotationWriter.Summary()
        /// Clusters with review material.
        public var reviewedClusters = 0
    }

    private let catalog: Catalog
    private let dataset: URL
    private let options: Options
    private let logger: Logger

    /// A stage over the dataset under `dataset`, whose catalog is `catalog`.
    public init(catalog: Catalog, dataset: URL, options: Options, logger: Logger) {
        self.catalog = catalog
        self.dataset = dataset
        self.options = options
        self.logger = logger
    }

    /// The folder of the dataset's own model.
    public var datasetModelFolder: URL { DatasetLayout(root: dataset).annotationFolder.appendingPathComponent("model") }

    /// Runs every step; `progress` is told the step, work done and its total (0 when unknown).
    public func run(progress: @Sendable (String, Int, Int) -> Void = { _, _, _ in }) async throws -> Summary {
        var summary = Summary()
        let features = FeatureStage(dataset: dataset, extractor: BuiltinFeatureExtractor(), jobs: options.jobs, logger: logger)
        summary.features = try await features.run { progress("features", $0, 0) }
        let files = try FeatureFile.matrixFiles(at: features.folder.path)
        let model = try model(files: files, fitted: &summary.fitted)
        summary.model = model.fingerprint
        summary.clusters = model.settings.clusters
        summary.assigned = try Self.assign(files: files, model: model, catalog: catalog)
        if let labels = options.labels {
            try catalog.replaceClusterLabels(labels)
            let foreign = labels.keys.filter { $0 >= model.settings.clusters }.count
            if foreign > 0 {
                logger.warning("\(foreign) of \(labels.count) labelled clusters are not among the model's \(model.settings.clusters): their labels reach no image")
            }
        }
        summary.labelledClusters = try catalog.clusterLabels().keys.filter { $0 < model.settings.clusters }.count
        summary.written = try await AnnotationWriter(catalog: catalog, dataset: dataset, logger: logger).run(jobs: options.jobs) {
            progress("labels", $0, $1)
        }
        if options.review {
            summary.reviewedClusters = try ReviewWriter(catalog: catalog, dataset: dataset, logger: logger).run { progress("review", $0, $1) }
        }
        return summary
    }

    /// The model the options choose, fitting and saving the dataset's own when needed.
    private func model(files: [String], fitted: inout Bool) throws -> ClusterModel {
        let own = datasetModelFolder.path
        switch options.model {
        case .saved(let folder):
            return try ClusterModel.load(from: folder)
        case .datasetModel where FileManager.default.fileExists(atPath: URL(fileURLWithPath: own).appendingPathComponent("model.json").path):
            logger.info("clustering with the model fitted earlier in \(own) (--refit fits a new one)")
            return try ClusterModel.load(from: own)
        case .datasetModel, .refit:
            let model = try ClusterModel.fit(files: files, parameters: options.parameters) { lowered in
                logger.warning("\(options.parameters.clusters) clusters need \(options.parameters.clusters * ClusterModel.Parameters.rowsPerCluster) training rows: fitting \(lowered)")
            }
            try model.save(to: own)
            fitted = true
            return model
        }
    }

    /// Gives every row of the feature files `files` its cluster under `model`, in the catalog
    /// (replacing every earlier assignment), a batch at a time. Returns the rows assigned.
    public static func assign(files: [String], model: ClusterModel, catalog: Catalog) throws -> Int {
        try catalog.clearImageClusters()
        var assigned = 0
        for file in files {
            guard let keys = FeatureFile.readKeys(of: file) else {
                throw AnnotationError.unreadable(file: FeatureFile.keysPath(of: file), reason: "is missing: the keys of \(file) are written beside it")
            }
            let (labels, distances) = try model.assign(file: file)
            guard keys.count == labels.count else {
                throw AnnotationError.unreadable(file: FeatureFile.keysPath(of: file), reason: "holds \(keys.count) keys for the \(labels.count) rows of \(file)")
            }
            try catalog.recordImageClusters(
                (0..<keys.count).map { ImageCluster(key: keys[$0], cluster: labels[$0], distance: distances[$0]) }, model: model.fingerprint)
            assigned += keys.count
        }
        return assigned
    }
}
