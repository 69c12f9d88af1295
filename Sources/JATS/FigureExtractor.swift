import XML

/// Turns the items an article walk found into `Figure` values: every `fig`, and every
/// `table-wrap` that carries an image.
enum FigureExtractor {
    /// The figures and image tables of `article`, in document order.
    static func figures(in article: XMLElement) -> [Figure] {
        var collector = FigureCollector(walking: article)
        let items = collector.items
        return items.compactMap { item in
            guard item.kind == .figure || !item.graphics.isEmpty else { return nil }
            let parentID = item.parent.flatMap { items[$0].element.attribute("id") }
            return figure(from: item, parentID: parentID, citations: &collector.citations)
        }
    }

    private static func figure(from item: FigureCollector.Item, parentID: String?, citations: inout CitationIndex) -> Figure {
        let element = item.element
        let id = element.attribute("id")
        var figure = Figure(id: id, kind: item.kind, graphics: item.graphics, parentID: parentID)
        var child = element.firstChildElement
        while let current = child {
            child = current.nextSiblingElement
            switch current.name {
            case "label":
                figure.label = TextExtractor.plain.text(of: current)
            case "caption":
                figure.captionTitle = current.firstChild(named: "title").map { TextExtractor.plain.text(of: $0) } ?? ""
                figure.caption = TextExtractor.plain.text(of: current, excludingChildrenNamed: "title")
            case "permissions":
                figure.license = LicenseReader.license(in: current)
            default:
                break
            }
        }
        if let id {
            figure.citingParagraphs = citations.citingParagraphs(of: id, kind: item.kind)
        }
        return figure
    }
}
