import Foundation
import Platform

/// A feature matrix on disk with the key of each row: `NAME.npy` (float32, one row per image) and
/// `NAME.keys` beside it (one key per line, in row order), so that fitting and assigning never
/// decode an image again and any notebook reads both.
public struct FeatureFile: Sendable, Equatable {
    /// The vectors, one row per key.
    public var matrix: FeatureMatrix
    /// The key of each row.
    public var keys: [String]

    /// A file's contents; `keys` must have one key per row.
    public init(matrix: FeatureMatrix, keys: [String]) {
        precondition(matrix.rows == keys.count, "\(keys.count) keys for \(matrix.rows) rows")
        self.matrix = matrix
        self.keys = keys
    }

    /// Appends the rows and keys of `other`.
    public mutating func append(_ other: FeatureFile) {
        matrix.append(other.matrix)
        keys += other.keys
    }

    /// The keys file beside the matrix file `path`.
    public static func keysPath(of path: String) -> String {
        (path.hasSuffix(".npy") ? String(path.dropLast(4)) : path) + ".keys"
    }

    /// Writes the matrix to `path` and the keys beside it, the keys last: a keys file means its
    /// matrix is complete.
    public func write(to path: String) throws(AnnotationError) {
        let keysPath = Self.keysPath(of: path)
        AtomicFile.removeFile(keysPath)
        try NPYFile.write(matrix, to: path)
        do {
            try AtomicFile.write(Data(keys.map { $0 + "\n" }.joined().utf8), to: keysPath)
        } catch {
            throw .unwritable(file: keysPath, reason: "\(error)")
        }
    }

    /// Reads the keys written beside `path`, nil when there are none.
    public static func readKeys(of path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: keysPath(of: path)) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Reads the matrix at `path` and its keys, which must be as many as its rows.
    public static func read(_ path: String) throws(AnnotationError) -> FeatureFile {
        let matrix = try NPYFile.read(path)
        guard let keys = readKeys(of: path) else {
            throw .unreadable(file: keysPath(of: path), reason: "is missing: the keys of \(path) are written beside it")
        }
        guard keys.count == matrix.rows else {
            throw .unreadable(file: keysPath(of: path), reason: "holds \(keys.count) keys for the \(matrix.rows) rows of \(path)")
        }
        return FeatureFile(matrix: matrix, keys: keys)
    }

    /// The `.npy` files at `path`: the file itself, or every `.npy` under the folder, in path order.
    public static func matrixFiles(at path: String) throws(AnnotationError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable(file: path, reason: "does not exist")
        }
        guard isFolder.boolValue else { return [path] }
        let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".npy") }.sorted()
        guard !found.isEmpty else { throw .unreadable(file: path, reason: "holds no .npy feature files") }
        return found.map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
    }
}
