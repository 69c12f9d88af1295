/// An identifier of a record in some other system, from an `ArticleIdList`.
public struct ArticleID: Hashable, Sendable, Codable {
    /// The system, as NCBI names it (`pubmed`, `pmc`, `doi`, `pii`, `mid`, `bookaccession`...).
    public var type: String
    /// The identifier in that system.
    public var value: String

    /// Creates an identifier from its parts.
    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}
