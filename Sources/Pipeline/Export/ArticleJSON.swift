import Catalog
import Foundation

/// The one JSON form of an exported article, shared by `export` and `show`.
public enum ArticleJSON {
    /// One object of JSON with sorted keys (the encoder's own order changes from run to run), no
    /// escaped slashes; indented when `pretty`.
    public static func line(_ article: ExportedArticle, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(article), as: UTF8.self)
    }
}
