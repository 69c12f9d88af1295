/// Why an annotation step could not run: what is wrong and with which file.
public enum AnnotationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file that is not what it should be (not NPY, not float32, the wrong shape).
    case unreadable(file: String, reason: String)
    /// A file that could not be written.
    case unwritable(file: String, reason: String)
    /// Settings the data cannot satisfy (more dimensions than features, no rows).
    case invalidSettings(String)
    /// faiss or our k-means refused the computation, with its message.
    case native(operation: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "\(file): \(reason)"
        case .unwritable(let file, let reason): "cannot write \(file): \(reason)"
        case .invalidSettings(let reason): reason
        case .native(let operation, let message): "\(operation) failed: \(message)"
        }
    }
}
