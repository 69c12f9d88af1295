/// The cache's own folder cannot be written: a local fault (permissions, a full disk), never the
/// source's, so it stops the run with its own exit status rather than being counted per file.
public struct CacheWriteError: Error, Sendable, CustomStringConvertible {
    /// The file that could not be written.
    public var path: String
    /// Why.
    public var reason: String

    /// The error for `path`, failing for `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The path and the reason, for the error line.
    public var description: String { "cannot write \(path) in the cache: \(reason)" }
}
