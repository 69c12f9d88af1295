/// An error or warning about one article, as the catalog records it.
public struct Problem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Codable {
        /// The article (or the stage for it) failed.
        case error
        /// Something was skipped or looked wrong, but the article went through.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// A short stable name (`malformed-xml`, `bad-metadata`, `missing-file`, ...) to count and filter by.
    public var kind: String
    /// The file the problem is in, relative to the article (`PMC3166277.1/PMC3166277.1.xml`), if known.
    public var file: String?
    /// What went wrong, for a person.
    public var message: String

    /// Creates a problem.
    public init(severity: Severity, kind: String, file: String?, message: String) {
        self.severity = severity
        self.kind = kind
        self.file = file
        self.message = message
    }

    public var description: String {
        "\(kind): \(message)"
    }
}
