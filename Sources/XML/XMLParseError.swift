/// Why a byte buffer is not a usable XML document.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libxml2's error code (`xmlParserErrors`).
    public var code: Int
    /// The 1-based line where the parser gave up, or 0 when unknown.
    public var line: Int
    /// The 1-based column where the parser gave up, or 0 when unknown.
    public var column: Int
    /// libxml2's message, without the trailing newline.
    public var message: String

    /// Creates an error from its parts.
    public init(code: Int, line: Int, column: Int, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "line \(line), column \(column): \(message)" : message
    }
}
