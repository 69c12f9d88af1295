import Annotation
import Dataset
import Foundation
import PMCModel

extension AnnotationSteps {
    /// Computes the built-in features of the shards of `part` of the dataset at `root` (see
    /// `FeatureStage`), holding the dataset beside other runs that add files, so that the tasks
    /// of an array run side by side. Returns what was done and the folder of the feature files.
    public static func features(dataset root: URL, part: ShardSpec, in context: RunContext) async throws -> (FeatureStage.Summary, folder: URL) {
        let folder = try await DatasetFolder.openForAdding(root, wait: context.waitForLocks)
        defer { folder.release() }
        let stage = FeatureStage(dataset: folder, extractor: BuiltinFeatureExtractor(), part: part)
        let summary = try await context.finishing("features") { try await stage.run(in: context) }
        return (summary, stage.folder)
    }

    /// Computes the built-in features of every image file under `images` into the feature file
    /// `output` (its keys, the files' relative paths, beside it). Files that are not images are
    /// logged and left out. Returns the images with features and those without.
    /// - Throws: `FileError` or `UsageError` when `output` (or the keys file beside it) is a
    ///   folder or lies inside `images`, before any image is read.
    public static func features(images: URL, output: URL, in context: RunContext) async throws -> (images: Int, failed: Int) {
        for file in [output, URL(fileURLWithPath: FeatureFile.keysPath(of: output.path))] {
            try OutputFile.check(file, inputFolders: [images], option: "--out")
        }
        let computer = FeatureComputer(extractor: BuiltinFeatureExtractor(), jobs: context.jobsForCores)
        let (file, failures) = try await context.finishing("features") {
            try await ImageFolderFeatures(computer: computer).compute(folder: images.path) { done in
                context.progress(ProgressEvent(stage: "features", done: done, total: nil, unit: "images"))
            }
        }
        for failure in failures { context.logger.warning("\(images.path)/\(failure.path): no features: \(failure.reason)") }
        try file.write(to: output.path)
        return (file.keys.count, failures.count)
    }
}
