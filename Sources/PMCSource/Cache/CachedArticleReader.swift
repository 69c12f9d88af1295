import Foundation

/// Reads one article from its cached files with the code of its own layout: a `CloudSource` over
/// the cached objects, or a `LegacySource` over the cached package.
struct CachedArticleReader {
    let layout: SourceLayout
    let limits: SourceLimits
    /// The article, as its source lists it.
    let ref: ArticleRef
    /// The cache path of each cached file, by its key in the source.
    let paths: [String: String]

    /// The article's XML and media names; the package names `ref`, not the cache.
    func loadArticle() async throws(SourceError) -> ArticlePackage {
        var package: ArticlePackage
        switch layout {
        case .cloud:
            package = try await CloudSource(store: CachedObjectStore(paths: paths), limits: limits).loadArticle(ref)
        case .legacy:
            let (source, local) = try legacy()
            package = try await source.loadArticle(local)
        }
        package.ref = ref
        return package
    }

    /// The named media files.
    func loadMedia(files: [String]) async throws(SourceError) -> [String: Result<[UInt8], SourceError>] {
        switch layout {
        case .cloud:
            return try await CloudSource(store: CachedObjectStore(paths: paths), limits: limits).loadMedia(ref, files: files)
        case .legacy:
            let (source, local) = try legacy()
            return try await source.loadMedia(local, files: files)
        }
    }

    /// A legacy source over the cached package's folder, and the reference pointed at the package.
    private func legacy() throws(SourceError) -> (LegacySource, ArticleRef) {
        guard let path = paths[ref.location] else { throw .missingFile(file: ref.location) }
        let file = URL(fileURLWithPath: path)
        var local = ref
        local.location = file.lastPathComponent
        return (LegacySource(location: .folder(file.deletingLastPathComponent()), fileListName: "", limits: limits), local)
    }
}
