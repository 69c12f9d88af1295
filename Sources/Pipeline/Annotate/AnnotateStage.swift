import Annotation
import Catalog
import Dataset
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
        public var labels: ClusterLabelFiles?
        /// Write the contact sheets and listings.
        public var review = true

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
    private let dataset: DatasetFolder
    private let options: Options

    /// A stage over `dataset`, whose catalog is `catalog`.
    public init(catalog: Catalog, dataset: DatasetFolder, options: Options) {
        self.catalog = catalog
        self.dataset = dataset
        self.options = options
    }

    /// Runs every step, `context.jobs` images decoded, k-means threads and shards rewritten at
    /// once (default: the cores).
    public func run(in context: RunContext) async throws -> Summary {
        let logger = context.logger
        var summary = Summary()
        let features = FeatureStage(dataset: dataset, extractor: FeatureExtractors.annotation)
        summary.features = try await features.run(in: context)
        let files = try FeatureFile.matrixFiles(at: features.folder.path)
        let model = try model(files: files, threads: context.jobsForCores, logger: logger, fitted: &summary.fitted)
        summary.model = model.fingerprint
        summary.clusters = model.settings.clusters
        summary.assigned = try Self.assign(files: files, model: model, catalog: catalog)
        if let labels = try options.labels?.read() {
            try catalog.replaceClusterLabels(labels)
            let foreign = labels.keys.filter { $0 >= model.settings.clusters }.count
            if foreign > 0 {
                logger.warning("\(foreign) of \(labels.count) labelled clusters are not among the model's \(model.settings.clusters): their labels reach no image")
            }
        }
        summary.labelledClusters = try catalog.clusterLabels().keys.filter { $0 < model.settings.clusters }.count
        summary.written = try await Self.writeAnnotations(catalog: catalog, dataset: dataset, in: context)
        if options.review {
            summary.reviewedClusters = try ReviewWriter(catalog: catalog, dataset: dataset).run(in: context)
        }
        return summary
    }

    /// Writes what the catalog says of each image's cluster and labels into the dataset's shards,
    /// indexes and tables, `context.jobs` shards at a time: how assigning and labelling end.
    public static func writeAnnotations(catalog: Catalog, dataset: DatasetFolder, in context: RunContext) async throws -> AnnotationWriter.Summary {
        try await AnnotationWriter(catalog: catalog, dataset: dataset, logger: context.logger).run(jobs: context.jobsForCores) { done, total in
            context.progress(ProgressEvent(stage: "shards", done: done, total: total, unit: "shards"))
        }
    }

    /// The model the options choose, fitting and saving the dataset's own when needed.
    private func model(files: [String], threads: Int, logger: Logger, fitted: inout Bool) throws -> ClusterModel {
        let own = dataset.layout.modelFolder.path
        switch options.model {
        case .saved(let folder):
            return try ClusterModel.load(from: folder)
        case .datasetModel where FileManager.default.fileExists(atPath: URL(fileURLWithPath: own).appendingPathComponent("model.json").path):
            logger.info("clustering with the model fitted earlier in \(own) (--refit fits a new one)")
            return try ClusterModel.load(from: own)
        case .datasetModel, .refit:
            let model = try Self.fit(files: files, parameters: options.parameters, threads: threads, logger: logger)
            try dataset.replaceFolder(dataset.layout.modelFolder) { try model.save(to: $0.path) }
            fitted = true
            return model
        }
    }

    /// Fits a model to the feature files `files` on `threads` threads, warning when there are too
    /// few rows for the clusters asked for.
    public static func fit(files: [String], parameters: ClusterModel.Parameters, threads: Int, logger: Logger) throws -> ClusterModel {
        var parameters = parameters
        parameters.threads = threads
        return try ClusterModel.fit(files: files, parameters: parameters) { lowered in
            logger.warning("\(parameters.clusters) clusters need \(parameters.clusters * ClusterModel.Parameters.rowsPerCluster) training rows: fitting \(lowered)")
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
