import XML

/// Reads the abstract: the main abstracts of `article-meta`, structured sections kept as
/// `Title: text`, one paragraph or section per line.
enum AbstractExtractor {
    /// Short or secondary abstracts, read only when an article has no other.
    private static let secondaryTypes: Set<String> = [
        "teaser", "graphical", "summary", "author-highlights", "highlights", "toc", "editor", "short",
        "web-summary", "precis", "key-points",
    ]

    /// The abstract text of `articleMeta`, empty when it has none.
    static func abstract(in articleMeta: XMLElement) -> String {
        let abstracts = articleMeta.children(named: "abstract")
        let main = abstracts.filter { abstract in
            abstract.attribute("abstract-type").map { !secondaryTypes.contains($0.lowercased()) } ?? true
        }
        var accumulator = TextAccumulator()
        for abstract in main.isEmpty ? Array(abstracts.prefix(1)) : main {
            appendContent(of: abstract, to: &accumulator)
            accumulator.separate(.line)
        }
        return accumulator.text
    }

    /// Appends everything but the element's own `title`; sections recurse so that nested ones keep
    /// their titles too.
    private static func appendContent(of element: XMLElement, to accumulator: inout TextAccumulator) {
        element.forEachChild { child in
            switch child {
            case .text(let text):
                accumulator.append(text)
            case .element(let childElement) where childElement.isNamed("sec"):
                appendSection(childElement, to: &accumulator)
            case .element(let childElement) where childElement.isNamed("title"):
                break
            case .element(let childElement):
                TextExtractor.lines.append(childElement, to: &accumulator)
            }
        }
    }

    private static func appendSection(_ section: XMLElement, to accumulator: inout TextAccumulator) {
        accumulator.separate(.line)
        if let title = section.firstChild(named: "title").map({ TextExtractor.plain.text(of: $0) }), !title.isEmpty {
            let endsWithPunctuation = title.last.map { ":.?!".contains($0) } ?? false
            accumulator.append(endsWithPunctuation ? title : title + ":")
            accumulator.separateOnly(.space)
        }
        appendContent(of: section, to: &accumulator)
        accumulator.separate(.line)
    }
}
