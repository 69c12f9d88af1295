import Annotation
import Catalog
import Dataset
import Foundation

extension AnnotationSteps {
    /// What assigning a dataset did.
    public struct Assignment: Sendable {
        /// Images given a cluster.
        public var images: Int
        /// The model's fingerprint.
        public var model: String
        /// What writing the clusters into the dataset changed.
        public var written: AnnotationWriter.Summary
    }

    /// Gives every image of the dataset at `root` its nearest cluster of the model saved in
    /// `model`, from the dataset's built-in feature files: into the catalog, replacing any
    /// earlier assignment, then into the samples' JSON, the shards and the tables.
    public static func assign(model: URL, dataset root: URL, catalog: URL?, in context: RunContext) async throws -> Assignment {
        try await withDataset(root, catalog: catalog, context: context) { folder, catalog in
            // Loaded under the lock: a model of the dataset's own may be replaced by another run.
            let fitted = try ClusterModel.load(from: model.path)
            let features = folder.layout.features(extractor: BuiltinFeatureExtractor().name)
            let images = try AnnotateStage.assign(files: FeatureFile.matrixFiles(at: features.path), model: fitted, catalog: catalog)
            let written = try await context.finishing("shards") {
                try await AnnotateStage.writeAnnotations(catalog: catalog, dataset: folder, in: context)
            }
            return Assignment(images: images, model: fitted.fingerprint, written: written)
        }
    }

    /// Assigns the rows of the feature file `features` to the clusters of the model saved in
    /// `model`, into `output`, a NumPy file of cluster numbers. Returns the rows, the clusters
    /// they went to, and the model.
    /// - Throws: `FileError` or `UsageError` when `output` is a folder, the feature file or its
    ///   keys, or inside the model, before anything is read.
    public static func assign(model: URL, features: URL, output: URL) throws -> (rows: Int, clustersUsed: Int, model: ClusterModel) {
        let keys = URL(fileURLWithPath: FeatureFile.keysPath(of: features.path))
        try OutputFile.check(output, inputs: [features, keys], inputFolders: [model], option: "--out")
        let fitted = try ClusterModel.load(from: model.path)
        let (labels, _) = try fitted.assign(file: features.path)
        try NPYFile.write(labels: labels, to: output.path)
        return (labels.count, Set(labels).count, fitted)
    }
}
