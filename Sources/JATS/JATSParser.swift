import XML

/// Parses JATS (and older NLM) XML into articles.
///
/// Parsing is pure and safe on hostile input: no network, no DTD, no entity expansion (see
/// `XMLDocument`). Text comes out with the spacing a reader sees: inline markup adds no
/// characters (`<italic>S</italic>. aureus` reads `S. aureus`, `10<sup>6</sup>` reads `106`
/// as written), blocks are separated, whitespace runs fold to one space.
public enum JATSParser {
    /// Wrapper roots holding several articles: PMC's `pmc-articleset`, and the `articles` root of
    /// some exported sets.
    private static let articleSetRoots = ["pmc-articleset", "articles"]

    /// The articles in a JATS document: one for an `<article>` root, one per `<article>` child of
    /// an article set.
    /// - Throws: `JATSError.malformedXML` for bytes that are not well-formed XML,
    ///   `JATSError.notAnArticle` for any other root element.
    public static func parse(_ bytes: [UInt8]) throws(JATSError) -> [Article] {
        let document: XMLDocument
        do {
            document = try XMLDocument(bytes: bytes)
        } catch {
            throw .malformedXML(error)
        }
        guard let root = document.root else { throw .notAnArticle(rootElement: "") }
        if root.isNamed("article") {
            return [ArticleAssembler.article(from: root)]
        }
        guard root.isNamed(anyOf: articleSetRoots) else {
            throw .notAnArticle(rootElement: root.name)
        }
        return root.children(named: "article").map(ArticleAssembler.article(from:))
    }
}
