import Foundation
import JATS
import PMCModel
import TestSupport

/// Parsed articles of the shared corpus, for tests.
enum CorpusArticles {
    /// Every article in the corpus file at `relativePath`.
    static func parse(_ relativePath: String) throws -> [Article] {
        try JATSParser.parse([UInt8](Data(contentsOf: SharedCorpus.url(relativePath))))
    }

    /// The only article of a single-article file.
    static func single(_ relativePath: String) throws -> Article {
        let articles = try parse(relativePath)
        guard articles.count == 1, let article = articles.first else { throw Unexpected(articles.count) }
        return article
    }

    /// The article with `pmcid` in the file at `relativePath`.
    static func article(_ pmcid: String, in relativePath: String) throws -> Article {
        guard let article = try parse(relativePath).first(where: { $0.pmcid?.rawValue == pmcid }) else {
            throw Unexpected(0)
        }
        return article
    }

    /// The figure with `id` of an article.
    static func figure(_ id: String, of article: Article) throws -> Figure {
        guard let figure = article.figures.first(where: { $0.id == id }) else { throw Unexpected(article.figures.count) }
        return figure
    }

    /// A corpus file held something other than what the test expected.
    struct Unexpected: Error {
        let count: Int
        init(_ count: Int) { self.count = count }
    }
}
