/// A publication type from NLM's controlled list (`Journal Article`, `Review`, ...).
public struct PublicationType: Hashable, Sendable, Codable {
    /// The type's name.
    public var name: String
    /// Its MeSH unique identifier (`D016428`), empty when absent.
    public var uniqueID: String

    /// Creates a publication type from its parts.
    public init(name: String, uniqueID: String) {
        self.name = name
        self.uniqueID = uniqueID
    }
}
