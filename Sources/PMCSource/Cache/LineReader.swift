import Foundation

/// Reads a file line by line (`\n`-separated, the last line's newline optional), a chunk at a time.
/// One reader serves one consumer: the stream that owns it calls `next()` one call at a time.
final class LineReader: @unchecked Sendable {
    private let path: String
    private var handle: FileHandle?
    private var pending: [UInt8] = []
    private var start = 0
    private var finished = false

    /// A reader of the file at `path`, opened on the first `next()`.
    init(path: String) {
        self.path = path
    }

    deinit {
        try? handle?.close()
    }

    /// The next non-empty line without its newline, or nil at the end of the file.
    func next() throws -> [UInt8]? {
        if handle == nil && !finished {
            guard let opened = FileHandle(forReadingAtPath: path) else { throw SourceError.missingFile(file: path) }
            handle = opened
        }
        while true {
            if let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[start..<newline])
                start = newline + 1
                if line.isEmpty { continue }
                return line
            }
            pending.removeFirst(start)
            start = 0
            guard !finished, let chunk = try handle?.read(upToCount: LocalFile.chunkSize), !chunk.isEmpty else {
                finished = true
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return pending
            }
            pending += chunk
        }
    }
}
