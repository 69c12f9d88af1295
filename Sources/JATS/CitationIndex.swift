import XML

/// Which paragraphs cite which figure or table, filled during the one walk over an article,
/// so that finding a figure's citing paragraphs never rescans the text.
struct CitationIndex {
    private var paragraphs: [XMLElement] = []
    private var citingFigures: [String: [Int]] = [:]
    private var citingTables: [String: [Int]] = [:]
    private var rendered: [Int: CitingParagraph] = [:]

    /// Registers a paragraph met in document order; returns its ordinal.
    mutating func addParagraph(_ paragraph: XMLElement) -> Int {
        paragraphs.append(paragraph)
        return paragraphs.count - 1
    }

    /// Records an `xref` inside paragraph `ordinal`; `rid` may list several ids.
    mutating func addReference(kind: FigureKind, rid: String, inParagraph ordinal: Int) {
        for id in rid.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            switch kind {
            case .figure: citingFigures[String(id), default: []].append(ordinal)
            case .table: citingTables[String(id), default: []].append(ordinal)
            }
        }
    }

    /// The paragraphs citing the item `id` of `kind`, each once, in document order; each paragraph is
    /// rendered once however many items it cites.
    mutating func citingParagraphs(of id: String, kind: FigureKind) -> [CitingParagraph] {
        let ordinals = (kind == .figure ? citingFigures[id] : citingTables[id]) ?? []
        // An xref after a nested paragraph closes is recorded after that paragraph: sort to restore order.
        var result: [CitingParagraph] = []
        for ordinal in Set(ordinals).sorted() {
            result.append(render(ordinal))
        }
        return result
    }

    private mutating func render(_ ordinal: Int) -> CitingParagraph {
        if let cached = rendered[ordinal] { return cached }
        let paragraph = paragraphs[ordinal]
        let citing = CitingParagraph(text: TextExtractor.plain.text(of: paragraph), xml: paragraph.markup)
        rendered[ordinal] = citing
        return citing
    }
}
