import Catalog
import Foundation

/// The one JSON form of an exported article, shared by `export` and `show`.
enum ArticleJSON {
    /// One line of JSON, keys in a fixed order, no escaped slashes.
    static func line(_ article: ExportedArticle, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.withoutEscapingSlashes, .prettyPrinted] : [.withoutEscapingSlashes]
        return String(decoding: try encoder.encode(article), as: UTF8.self)
    }
}
