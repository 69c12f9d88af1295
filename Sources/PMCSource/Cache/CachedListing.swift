import Foundation

/// The listing a fetch recorded in the cache for one source: the source's description and layout
/// (`source.json`) and every selected article reference, one JSON object a line, in listing order
/// (`articles.jsonl`). It lets the cached articles be listed and loaded with the source gone.
public struct CachedListing: Sendable {
    /// What the cache records about the source itself.
    struct Origin: Codable, Sendable {
        /// The source's description, as its stages record it in the catalog.
        var description: String
        /// Its layout, which decides how the cached files are read back.
        var layout: SourceLayout
    }

    /// The folder holding the two files.
    let folder: URL
    /// The recorded source.
    let origin: Origin

    static let originName = "source.json"
    static let articlesName = "articles.jsonl"

    /// The listing recorded for `sourceKey`, or nil when no fetch finished recording one.
    init?(cache: ContentCache, sourceKey: String) {
        folder = cache.listingFolder(for: sourceKey)
        let articles = folder.appendingPathComponent(Self.articlesName).path
        guard FileManager.default.fileExists(atPath: articles),
              let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Self.originName).path),
              let origin = try? JSONDecoder().decode(Origin.self, from: data)
        else { return nil }
        self.origin = origin
    }

    /// The recorded references one by one, read line by line so that a listing of millions is
    /// never held whole: call the result until it returns nil.
    func refs() -> @Sendable () throws -> ArticleRef? {
        let lines = LineReader(path: folder.appendingPathComponent(Self.articlesName).path)
        let decoder = JSONDecoder()
        return {
            guard let line = try lines.next() else { return nil }
            return try decoder.decode(ArticleRef.self, from: Data(line))
        }
    }
}

extension SourceLayout: Codable {}
