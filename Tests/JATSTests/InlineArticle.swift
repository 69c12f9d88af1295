import JATS

/// Small JATS documents written in tests, one feature each.
enum InlineArticle {
    /// The one article of a document whose `body` is `body` (and whose `back`, `floats` are given).
    static func parse(body: String, front: String = "", back: String = "") throws -> Article {
        let xml = """
            <article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML">\
            <front><article-meta>\(front)</article-meta></front><body>\(body)</body><back>\(back)</back></article>
            """
        let articles = try JATSParser.parse(Array(xml.utf8))
        guard let article = articles.first, articles.count == 1 else { throw NotOneArticle() }
        return article
    }

    /// The caption text of the only figure of a body.
    static func caption(_ captionMarkup: String) throws -> String {
        let article = try parse(body: #"<fig id="F1"><caption>\#(captionMarkup)</caption><graphic xlink:href="g1"/></fig>"#)
        return article.figures.first?.caption ?? "<no figure>"
    }

    /// The document held other than one article.
    struct NotOneArticle: Error {}
}
