import ArgumentParser
import Foundation

/// A JSON Lines output written to a temporary name and renamed into place when complete, so a
/// reader never sees half a file; `-` writes to standard output.
final class JSONLinesFile {
    private let path: String
    private let temporaryPath: String?
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        if path == "-" {
            temporaryPath = nil
            handle = FileHandle.standardOutput
            return
        }
        let temporary = path + ".partial"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let opened = FileHandle(forWritingAtPath: temporary)
        else {
            throw fail("cannot write \(path)", status: ExitStatus.cannotCreate)
        }
        temporaryPath = temporary
        handle = opened
    }

    func append(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    func close() throws {
        try flush()
        guard let temporaryPath else { return }
        try handle.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
