import Foundation

/// The features of every image file under a folder, as one feature file whose keys are the
/// files' paths relative to the folder: for images that are not in a dataset (a set to label by
/// hand, a test set), read a batch at a time.
public struct ImageFolderFeatures: Sendable {
    /// Computes the vectors.
    public let computer: FeatureComputer
    /// Files read at once.
    public var batchSize = 256

    /// Features by `computer`.
    public init(computer: FeatureComputer) {
        self.computer = computer
    }

    /// The vectors of the images under `folder`, in path order, and the files that could not be
    /// read as images, with why.
    public func compute(folder: String, progress: @Sendable (Int) -> Void = { _ in }) async throws(AnnotationError)
        -> (file: FeatureFile, failures: [(path: String, reason: String)])
    {
        let paths = try Self.imageFiles(under: folder)
        var file = FeatureFile(matrix: FeatureMatrix(columns: computer.extractor.dimensions, values: []), keys: [])
        var failures: [(path: String, reason: String)] = []
        for start in stride(from: 0, to: paths.count, by: batchSize) {
            let batch = paths[start..<min(paths.count, start + batchSize)].map { path in
                (key: path, bytes: FileManager.default.contents(atPath: URL(fileURLWithPath: folder).appendingPathComponent(path).path).map { [UInt8]($0) } ?? [])
            }
            let computed = await computer.featureFile(of: batch)
            file.append(computed.file)
            failures += computed.failures.map { ($0.key, "\($0.error)") }
            progress(min(paths.count, start + batchSize))
        }
        return (file, failures)
    }

    /// The regular files under `folder`, relative, in path order; hidden files and names that a
    /// keys file cannot hold (with a line break) are passed over.
    static func imageFiles(under folder: String) throws(AnnotationError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .unreadable(file: folder, reason: "is not a folder")
        }
        let root = URL(fileURLWithPath: folder)
        let found = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { path in
            var isSubfolder: ObjCBool = false
            return !path.split(separator: "/").contains { $0.hasPrefix(".") } && !path.contains("\n")
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isSubfolder) && !isSubfolder.boolValue
        }
        return found.sorted()
    }
}
