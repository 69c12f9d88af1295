import XML

/// Walks an article once and finds its figures and tables, the graphics that belong to each,
/// and the paragraphs that cite them.
struct FigureCollector {
    /// A `fig` or `table-wrap` met during the walk.
    struct Item {
        /// The element.
        let element: XMLElement
        /// Figure or table.
        let kind: FigureKind
        /// The position in `items` of the figure or table this one is nested in.
        let parent: Int?
        /// The `xlink:href` of each graphic that belongs to this item, in document order.
        var graphics: [String] = []
    }

    /// Every `fig` and `table-wrap` of the article, in document order (a nested one after its parent).
    private(set) var items: [Item] = []
    /// The paragraphs citing each figure and table.
    var citations = CitationIndex()

    /// Where the walk is: what encloses the current element.
    private struct Scope {
        var item: Int?
        var paragraph: Int?
        var inCaption = false
        var inFormula = false
    }

    /// Walks `article` and everything in it.
    init(walking article: XMLElement) {
        visitChildren(of: article, in: Scope())
    }

    private mutating func visitChildren(of element: XMLElement, in scope: Scope) {
        var child = element.firstChildElement
        while let current = child {
            visit(current, in: scope)
            child = current.nextSiblingElement
        }
    }

    private mutating func visit(_ element: XMLElement, in enclosing: Scope) {
        var scope = enclosing
        switch element.name {
        case "fig":
            scope.item = addItem(element, kind: .figure, parent: enclosing.item)
        case "table-wrap":
            scope.item = addItem(element, kind: .table, parent: enclosing.item)
        case "caption":
            scope.inCaption = true
        case "p" where !enclosing.inCaption:
            scope.paragraph = citations.addParagraph(element)
        case "xref":
            recordCitation(element, in: enclosing)
            return
        case "graphic":
            if !enclosing.inFormula, let item = enclosing.item, let href = element.attribute("href") {
                items[item].graphics.append(href)
            }
            return
        case "disp-formula", "inline-formula", "chem-struct", "chem-struct-wrap":
            scope.inFormula = true
        case "math", "ref-list", "inline-graphic":
            // Nothing a figure needs lives below these; they can be large (MathML, references).
            return
        default:
            break
        }
        visitChildren(of: element, in: scope)
    }

    private mutating func addItem(_ element: XMLElement, kind: FigureKind, parent: Int?) -> Int {
        items.append(Item(element: element, kind: kind, parent: parent))
        return items.count - 1
    }

    private mutating func recordCitation(_ xref: XMLElement, in scope: Scope) {
        guard let paragraph = scope.paragraph, let rid = xref.attribute("rid") else { return }
        switch xref.attribute("ref-type") {
        case "fig": citations.addReference(kind: .figure, rid: rid, inParagraph: paragraph)
        case "table": citations.addReference(kind: .table, rid: rid, inParagraph: paragraph)
        default: break
        }
    }
}
