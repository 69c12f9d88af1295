import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON Lines file written to a temporary name and renamed into place when complete, so a
/// reader never sees half a file.
final class JSONLinesFile {
    private let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Starts the file at `path`, creating its folder.
    /// - Throws: `FileError.unwritable` when it cannot be created.
    init(path: String) throws(FileError) {
        self.path = path
        temporaryPath = path + ".partial"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let opened = FileHandle(forWritingAtPath: temporaryPath)
        else {
            throw .unwritable(path: path, reason: "the file cannot be created")
        }
        handle = opened
    }

    /// Adds one line.
    func append(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes the rest and puts the file in place, in one rename over any file that was there
    /// (never over a folder).
    func close() throws {
        try flush()
        try handle.close()
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw FileError.unwritable(path: path, reason: reason)
        }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
