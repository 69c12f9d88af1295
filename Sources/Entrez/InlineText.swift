import XML

/// Reads PubMed's mixed content (titles, abstract sections, names) as plain text.
///
/// PubMed allows only inline markup there (`i`, `b`, `u`, `sup`, `sub`, MathML), so elements add
/// no separator and whitespace runs fold to one space (`p<sub>trend</sub>=0.048` reads
/// `ptrend=0.048`). Inside MathML only token elements (`mi`, `mn`, `mo`, `mtext`, `ms`) carry text:
/// the rest holds only the indentation of pretty-printed records, which would split `He3` apart.
enum InlineText {
    private static let mathTokens: Set<String> = ["mi", "mn", "mo", "mtext", "ms"]

    /// The text inside `element`, trimmed.
    static func text(of element: XMLElement) -> String {
        var accumulator = TextAccumulator()
        append(contentOf: element, to: &accumulator, inMath: false)
        return accumulator.text
    }

    /// The text inside `element`, or nil when it is absent or holds no text.
    static func nonEmptyText(of element: XMLElement?) -> String? {
        guard let element else { return nil }
        let text = text(of: element)
        return text.isEmpty ? nil : text
    }

    private static func append(contentOf element: XMLElement, to accumulator: inout TextAccumulator, inMath: Bool) {
        let keepsText = !inMath || mathTokens.contains(element.name)
        element.forEachChild { child in
            switch child {
            case .text(let text):
                if keepsText { accumulator.append(text) }
            case .element(let childElement):
                append(contentOf: childElement, to: &accumulator, inMath: inMath || childElement.isNamed("math"))
            }
        }
    }
}
