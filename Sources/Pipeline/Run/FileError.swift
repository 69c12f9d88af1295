/// A file a run reads or writes where it was told to, outside any dataset: a file to parse, an
/// export to write.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file to read is not there, or cannot be read.
    case unreadable(String)
    /// The file cannot be written there, and why.
    case unwritable(path: String, reason: String)

    /// True when the file to read is missing.
    public var isMissing: Bool {
        if case .unreadable = self { true } else { false }
    }

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
