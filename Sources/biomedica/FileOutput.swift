import Foundation

/// Writes to a standard stream, usable from any task.
struct FileOutput: Sendable {
    private let handle: FileHandle

    /// Standard output.
    static let standardOutput = FileOutput(handle: .standardOutput)
    /// Standard error.
    static let standardError = FileOutput(handle: .standardError)

    /// True when the stream is a terminal, where progress is worth drawing.
    var isTerminal: Bool { isatty(handle.fileDescriptor) != 0 }

    /// Writes all of `text`; a stream that is gone (a closed pipe) is not an error worth stopping for.
    func emit(_ text: String) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
