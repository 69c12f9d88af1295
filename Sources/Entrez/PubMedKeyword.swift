/// A keyword of a PubMed record, usually the author's own (`KeywordList Owner="NOTNLM"`).
public struct PubMedKeyword: Hashable, Sendable, Codable {
    /// The keyword text.
    public var text: String
    /// The major-topic flag, or nil when the record does not say.
    public var isMajorTopic: Bool?
    /// Who assigned the keyword (`NOTNLM`, `NLM`, `KIE`...), from the enclosing list; nil when not said.
    public var owner: String?

    /// The JSON keys: snake_case, as in the dataset's other JSON.
    enum CodingKeys: String, CodingKey {
        case text
        case isMajorTopic = "major_topic"
        case owner
    }

    /// Creates a keyword from its parts.
    public init(text: String, isMajorTopic: Bool? = nil, owner: String? = nil) {
        self.text = text
        self.isMajorTopic = isMajorTopic
        self.owner = owner
    }
}
