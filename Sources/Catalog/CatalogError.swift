/// Why the catalog file could not be used.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    /// The catalog file.
    public var path: String
    /// What SQLite or the file system said.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "catalog \(path): \(reason)" }
}
