import XML

/// Reads elements as plain text with correct spacing: inline markup adds nothing, blocks are
/// separated, whitespace is folded once, and one representation of each formula is read.
struct TextExtractor: Sendable {
    /// What separates blocks.
    let blockSeparator: TextAccumulator.Separator
    /// True to leave displayed formulas out, as body text does.
    let omitsDisplayFormulas: Bool

    /// Captions, titles, references, paragraphs: blocks separated by a space.
    static let plain = TextExtractor(blockSeparator: .space, omitsDisplayFormulas: false)
    /// Body text and abstracts: one block per line, displayed formulas left out.
    static let lines = TextExtractor(blockSeparator: .line, omitsDisplayFormulas: true)

    /// The text inside `element`.
    func text(of element: XMLElement) -> String {
        var accumulator = TextAccumulator()
        appendContent(of: element, to: &accumulator, inCitation: TextRole(of: element) == .citation)
        return accumulator.text
    }

    /// The text inside `element`, leaving out its child elements named `excludedChild`
    /// (a caption without its title, a license without its URL).
    func text(of element: XMLElement, excludingChildrenNamed excludedChild: String) -> String {
        var accumulator = TextAccumulator()
        element.forEachChild { child in
            switch child {
            case .text(let text):
                accumulator.append(text)
            case .element(let childElement):
                if !childElement.isNamed(excludedChild) {
                    append(childElement, to: &accumulator)
                }
            }
        }
        return accumulator.text
    }

    /// Appends `element` itself, with the separators its role asks for.
    func append(_ element: XMLElement, to accumulator: inout TextAccumulator) {
        append(element, to: &accumulator, inCitation: false)
    }

    private func append(_ element: XMLElement, to accumulator: inout TextAccumulator, inCitation: Bool) {
        switch TextRole(of: element) {
        case .omitted:
            return
        case .float:
            accumulator.separate(blockSeparator)
        case .inline:
            appendContent(of: element, to: &accumulator, inCitation: false)
        case .field:
            let separator: TextAccumulator.Separator = inCitation ? .soft : .none
            accumulator.separate(separator)
            appendContent(of: element, to: &accumulator, inCitation: inCitation)
            accumulator.separate(separator)
        case .block:
            appendBlock(element, to: &accumulator, inCitation: inCitation)
        case .citation:
            appendBlock(element, to: &accumulator, inCitation: true)
        case .displayFormula where omitsDisplayFormulas:
            accumulator.separate(blockSeparator)
        case .displayFormula:
            appendBlock(element, to: &accumulator, inCitation: inCitation)
        case .alternatives:
            if let chosen = Self.preferredAlternative(in: element) {
                append(chosen, to: &accumulator, inCitation: inCitation)
            }
        }
    }

    private func appendBlock(_ element: XMLElement, to accumulator: inout TextAccumulator, inCitation: Bool) {
        accumulator.separate(blockSeparator)
        appendContent(of: element, to: &accumulator, inCitation: inCitation)
        accumulator.separate(blockSeparator)
    }

    private func appendContent(of element: XMLElement, to accumulator: inout TextAccumulator, inCitation: Bool) {
        element.forEachChild { child in
            switch child {
            case .text(let text):
                accumulator.append(text)
            case .element(let childElement):
                append(childElement, to: &accumulator, inCitation: inCitation)
            }
        }
    }

    /// MathML when there is some (it reads best as text), otherwise the first representation
    /// that is not an image (a table beside its picture, TeX beside an image).
    private static func preferredAlternative(in alternatives: XMLElement) -> XMLElement? {
        var firstReadable: XMLElement?
        var child = alternatives.firstChildElement
        while let current = child {
            if current.isNamed("math") { return current }
            if firstReadable == nil, TextRole(of: current) != .omitted { firstReadable = current }
            child = current.nextSiblingElement
        }
        return firstReadable
    }
}
