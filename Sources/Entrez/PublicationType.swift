/// A publication type from NLM's controlled list (`Journal Article`, `Review`, ...).
public struct PublicationType: Hashable, Sendable, Codable {
    /// The type's name.
    public var name: String
    /// Its MeSH unique identifier (`D016428`), empty when absent.
    public var uniqueID: String

    /// The JSON keys: snake_case, as in the dataset's other JSON.
    enum CodingKeys: String, CodingKey {
        case name
        case uniqueID = "unique_id"
    }

    /// Creates a publication type from its parts.
    public init(name: String, uniqueID: String) {
        self.name = name
        self.uniqueID = uniqueID
    }
}
