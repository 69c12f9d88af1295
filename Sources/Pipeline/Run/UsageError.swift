/// A request the library cannot carry out as given: a value that does not parse, options that do
/// not go together. The front door shows it as a usage error (exit status 64, HTTP 400).
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the option or value.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
