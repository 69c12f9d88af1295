/// One MeSH descriptor or qualifier as PubMed's indexers attached it.
public struct MeSHTerm: Hashable, Sendable, Codable {
    /// The term as MeSH spells it, for example `Asthma` or `drug therapy`.
    public var name: String
    /// The MeSH unique identifier: `D...` for descriptors, `Q...` for qualifiers; empty when absent.
    public var uniqueID: String
    /// True when the indexers marked the term as a main point of the article (`MajorTopicYN="Y"`).
    public var isMajorTopic: Bool

    /// The JSON keys: snake_case, as in the dataset's other JSON.
    enum CodingKeys: String, CodingKey {
        case name
        case uniqueID = "unique_id"
        case isMajorTopic = "major_topic"
    }

    /// Creates a term from its parts.
    public init(name: String, uniqueID: String, isMajorTopic: Bool) {
        self.name = name
        self.uniqueID = uniqueID
        self.isMajorTopic = isMajorTopic
    }
}
