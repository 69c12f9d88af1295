#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Unbuffered writes to a standard stream, usable from any task.
struct FileOutput: Sendable {
    let descriptor: Int32

    /// Standard output.
    static let standardOutput = FileOutput(descriptor: STDOUT_FILENO)
    /// Standard error.
    static let standardError = FileOutput(descriptor: STDERR_FILENO)

    /// True when the stream is a terminal, where progress is worth drawing.
    var isTerminal: Bool { isatty(descriptor) != 0 }

    /// Writes all of `text`, retrying short writes.
    func emit(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }
}
