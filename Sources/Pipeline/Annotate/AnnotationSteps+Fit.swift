import Annotation
import Dataset
import Foundation

extension AnnotationSteps {
    /// What fitting made.
    public struct Fit: Sendable {
        /// The feature files trained on.
        public var files: Int
        /// The model, as saved.
        public var model: ClusterModel
        /// The threads k-means ran on.
        public var threads: Int
        /// How long fitting took.
        public var elapsed: Duration
    }

    /// Fits PCA and k-means to the feature file, or every feature file under the folder, at
    /// `features`, on `context.jobs` threads (default: the cores), and saves the model in the
    /// folder `model`. A model folder inside a dataset must be the dataset's own
    /// (`annotation/model`), and is written as the dataset's other files are, holding its lock.
    /// - Throws: `UsageError` when the model folder and the features hold one another (the
    ///   model's arrays would be read as features next time), `FileError` when `model` is a file.
    public static func fit(features: URL, model: URL, parameters: ClusterModel.Parameters, in context: RunContext) async throws -> Fit {
        let (modelPath, featuresPath) = (model.standardizedFileURL.path, features.standardizedFileURL.path)
        if modelPath == featuresPath || modelPath.hasPrefix(featuresPath + "/") || featuresPath.hasPrefix(modelPath + "/") {
            throw UsageError("--model \(model.path) and --features \(features.path) hold one another: save the model elsewhere")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: modelPath, isDirectory: &isFolder), !isFolder.boolValue {
            throw FileError.unwritable(path: model.path, reason: "it is a file; --model names a folder")
        }
        let started = ContinuousClock.now
        let files = try FeatureFile.matrixFiles(at: features.path)
        let threads = context.jobsForCores
        let fitted = try AnnotateStage.fit(files: files, parameters: parameters, threads: threads, logger: context.logger)
        if let root = DatasetFolder.enclosingDataset(of: model) {
            let own = DatasetLayout(root: root).modelFolder
            guard model.standardizedFileURL.path == own.path else {
                throw UsageError("--model \(model.path) is inside the dataset \(root.path), where a model goes in \(own.path) only")
            }
            let dataset = try await DatasetFolder.openForWriting(root, catalog: nil, wait: context.waitForLocks)
            defer { dataset.release() }
            try dataset.replaceFolder(own) { try fitted.save(to: $0.path) }
        } else {
            try fitted.save(to: model.path)
        }
        return Fit(files: files.count, model: fitted, threads: threads, elapsed: ContinuousClock.now - started)
    }
}
