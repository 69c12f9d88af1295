import PMCModel
import XML

/// Reads an `Abstract` element.
enum AbstractReader {
    /// The abstract in `element`, or nil when none of its sections holds text: a caller can then
    /// keep an abstract it has from elsewhere.
    static func abstract(from element: XMLElement) -> PubMedAbstract? {
        let sections = element.children(named: "AbstractText").map { section in
            AbstractSection(
                label: nonEmpty(section.attribute("Label")),
                category: nonEmpty(section.attribute("NlmCategory")),
                text: InlineText.text(of: section))
        }
        guard sections.contains(where: { !$0.text.isEmpty }) else { return nil }
        return PubMedAbstract(
            sections: sections,
            copyright: InlineText.nonEmptyText(of: element.firstChild(named: "CopyrightInformation")))
    }

    private static func nonEmpty(_ attribute: String?) -> String? {
        guard let value = attribute?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }
}
