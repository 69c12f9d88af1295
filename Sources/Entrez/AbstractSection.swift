/// One `AbstractText` of a PubMed abstract: the whole abstract, or one section of a structured one.
public struct AbstractSection: Hashable, Sendable, Codable {
    /// The heading as the journal wrote it (`Label="OBJECTIVES"`), nil for an unstructured abstract.
    public var label: String?
    /// NLM's normalized heading (`NlmCategory="OBJECTIVE"`: BACKGROUND, OBJECTIVE, METHODS,
    /// RESULTS, CONCLUSIONS or UNASSIGNED), nil when absent.
    public var category: String?
    /// The section's text, inline markup read as plain text.
    public var text: String

    /// Creates a section from its parts.
    public init(label: String? = nil, category: String? = nil, text: String) {
        self.label = label
        self.category = category
        self.text = text
    }
}
