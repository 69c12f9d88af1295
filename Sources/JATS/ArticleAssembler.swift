import XML

/// Reads one `<article>` element into an `Article`.
enum ArticleAssembler {
    /// Metadata from the front matter, text from `body`, references from `back`, figures from anywhere
    /// in the article (floats, appendices, sub-articles included).
    static func article(from element: XMLElement) -> Article {
        var article = MetadataExtractor.metadata(of: element)
        if let body = element.firstChild(named: "body") {
            article.bodyText = TextExtractor.lines.text(of: body)
        }
        if let back = element.firstChild(named: "back") {
            article.references = ReferenceExtractor.references(in: back)
        }
        article.figures = FigureExtractor.figures(in: element)
        return article
    }
}
