/// A place articles come from: the PMC Cloud layout (local folder, S3-compatible endpoint, the
/// real bucket) or the legacy FTP layout.
public protocol ArticleSource: Sendable {
    /// A short human description for logs, for example `PMC Cloud folder ../corpus/pmc-cloud`.
    var description: String { get }

    /// Lists the article versions `filter` admits in a deterministic order (sorted by key),
    /// streaming: a source with millions of articles is never held in memory. The filter is
    /// applied to each key before anything of the article is read. Throws only when the source as
    /// a whole cannot be read (unreachable endpoint, missing folder); a problem with one article
    /// goes into that article's `listingProblem`.
    func listArticles(_ filter: ListingFilter) -> AsyncThrowingStream<ListedArticle, any Error>

    /// Loads one article's XML and media names.
    func loadArticle(_ ref: ArticleRef) async throws(SourceError) -> ArticlePackage

    /// Reads the named media files of one article. A file that cannot be read (absent, too large)
    /// fails alone, in its own entry; the call throws only when the article as a whole cannot be
    /// read (a broken package).
    func loadMedia(_ ref: ArticleRef, files: [String]) async throws(SourceError) -> [String: Result<[UInt8], SourceError>]
}
