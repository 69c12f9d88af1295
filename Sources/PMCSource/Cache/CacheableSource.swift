/// A source whose article files can be copied one by one into a content cache and read back from it.
protocol CacheableSource: ArticleSource {
    /// The layout, which decides which files an article has and how cached ones are read.
    var layout: SourceLayout { get }
    /// Size limits per file.
    var limits: SourceLimits { get }
    /// The reference with everything needed to name its files (the cloud layout's media names).
    func completed(_ ref: ArticleRef) async throws(SourceError) -> ArticleRef
    /// Where the file `key` lives in the source, to name it in errors and logs.
    func location(of key: String) -> String
    /// Streams the file `key` into a new file at `path`, at most `limit` bytes, and returns its size and MD5.
    func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile
}

extension CloudSource: CacheableSource {
    var layout: SourceLayout { .cloud }

    func location(of key: String) -> String { store.location(of: key) }

    func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        try await store.download(key, to: path, limit: limit)
    }
}

extension LegacySource: CacheableSource {
    var layout: SourceLayout { .legacy }

    /// A legacy reference names its one package already.
    func completed(_ ref: ArticleRef) async throws(SourceError) -> ArticleRef { ref }

    func location(of key: String) -> String { location.name(of: key) }

    func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        try await location.download(key, to: path, limit: limit)
    }
}
