/// The abstract of a PubMed record.
public struct PubMedAbstract: Hashable, Sendable, Codable {
    /// The `AbstractText` elements in record order: one for a plain abstract, one per section of a
    /// structured one.
    public var sections: [AbstractSection]
    /// The publisher's copyright line, kept apart because it is not part of the abstract's text.
    public var copyright: String?

    /// Creates an abstract from its parts.
    public init(sections: [AbstractSection], copyright: String? = nil) {
        self.sections = sections
        self.copyright = copyright
    }

    /// The abstract as plain text: one section per line, each labelled section read as
    /// `LABEL: text`, the way PubMed shows it.
    public var text: String {
        sections
            .filter { !$0.text.isEmpty }
            .map { section in section.label.map { "\($0): \(section.text)" } ?? section.text }
            .joined(separator: "\n")
    }
}
