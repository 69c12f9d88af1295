import Foundation

/// A source read through a content cache: listing passes through to the source, while articles
/// and media are read from the cache, fetched into it first on a miss. Offline (built from the
/// listing a fetch recorded) it lists and reads the cache alone, and a miss is a missing file.
public struct CachedSource: ArticleSource {
    /// Where the source's files are read from, and where the listing comes from.
    private enum Origin: Sendable {
        case online(any CacheableSource)
        case offline(CachedListing)
    }

    /// The cache read and filled.
    public let cache: ContentCache
    /// The source's own description, so that runs through the cache record the same source.
    public let description: String
    private let origin: Origin
    private let layout: SourceLayout
    private let limits: SourceLimits

    /// `source` through `cache`; `unreachable` for a source that cannot be cached.
    public init(wrapping source: any ArticleSource, cache: ContentCache) throws(SourceError) {
        guard let cacheable = source as? any CacheableSource else {
            throw .unreachable(source: source.description, reason: "its articles cannot be kept in a content cache")
        }
        self.cache = cache
        description = source.description
        origin = .online(cacheable)
        layout = cacheable.layout
        limits = cacheable.limits
    }

    /// The source `sourceKey` names, read from the listing a fetch recorded in `cache`, with the
    /// source itself out of reach; `unreachable` when no fetch recorded one.
    public init(offline cache: ContentCache, sourceKey: String) throws(SourceError) {
        guard let listing = CachedListing(cache: cache, sourceKey: sourceKey) else {
            throw .unreachable(source: sourceKey, reason: "no fetch recorded its listing in the cache \(cache.root.path)")
        }
        self.cache = cache
        description = listing.origin.description
        origin = .offline(listing)
        layout = listing.origin.layout
        limits = .standard
    }

    /// True when the source is out of reach and only the cache is read.
    public var isOffline: Bool {
        if case .offline = origin { true } else { false }
    }

    /// The source's listing, or the recorded one offline, through `filter`.
    public func listArticles(_ filter: ListingFilter) -> AsyncThrowingStream<ListedArticle, any Error> {
        switch origin {
        case .online(let source): source.listArticles(filter)
        case .offline(let listing): filter.entries(of: listing.refs())
        }
    }

    /// A writer that records this source's listing under `sourceKey`, for offline runs later.
    public func recordListing(as sourceKey: String) throws(CacheWriteError) -> CachedListingWriter {
        try CachedListingWriter(cache: cache, sourceKey: sourceKey, origin: .init(description: description, layout: layout))
    }

    /// Puts every file of the article into the cache, skipping those already there, all at once:
    /// a network source's transport bounds the requests in flight. A file that fails is recorded
    /// and the others are still fetched; the report lists failures in the article's file order.
    public func fetch(_ ref: ArticleRef) async -> ArticleFetch {
        var report = ArticleFetch()
        let files: [CacheFile]
        do throws(SourceError) {
            if let problem = ref.listingProblem { throw problem }
            files = try await self.files(of: ref).files
        } catch {
            report.failures.append(error)
            return report
        }
        for outcome in await ensureAll(files) {
            switch outcome {
            case .success((_, .alreadyCached)):
                report.alreadyCached += 1
            case .success((_, .fetched(let bytes))):
                report.fetched += 1
                report.bytes += bytes
            case .failure(let error):
                report.failures.append(error)
            }
        }
        return report
    }

    /// Reads the article from the cache, fetching its XML or package first on a miss.
    public func loadArticle(_ ref: ArticleRef) async throws(SourceError) -> ArticlePackage {
        if let problem = ref.listingProblem { throw problem }
        let (completed, files) = try await files(of: ref)
        var paths: [String: String] = [:]
        for file in files where file.role == .xml || file.role == .package {
            paths[file.key] = try await ensure(file).path
        }
        var package = try await CachedArticleReader(layout: layout, limits: limits, ref: completed, paths: paths).loadArticle()
        package.ref = ref
        return package
    }

    /// Reads the named media files from the cache, fetching those it lacks first, all at once. A
    /// file that cannot be fetched (absent, failing its MD5) fails alone, with that cause.
    public func loadMedia(_ ref: ArticleRef, files names: [String]) async throws(SourceError) -> [String: Result<[UInt8], SourceError>] {
        if let problem = ref.listingProblem { throw problem }
        let (completed, files) = try await files(of: ref)
        let wanted = Set(names)
        let needed = files.filter { file in
            switch file.role {
            case .xml: false
            case .package: true
            case .media(let name): wanted.contains(name)
            }
        }
        var paths: [String: String] = [:]
        var failures: [String: SourceError] = [:]
        for (file, outcome) in zip(needed, await ensureAll(needed)) {
            switch (outcome, file.role) {
            case (.success(let cached), _):
                paths[file.key] = cached.path
            case (.failure(let error), .media(let name)):
                failures[name] = error
            case (.failure(let error), _):
                // Without its package, no file of the article can be read.
                throw error
            }
        }
        var media = try await CachedArticleReader(layout: layout, limits: limits, ref: completed, paths: paths).loadMedia(files: names)
        for (name, error) in failures {
            media[name] = .failure(error)
        }
        return media
    }

    /// The completed reference and its files.
    private func files(of ref: ArticleRef) async throws(SourceError) -> (ref: ArticleRef, files: [CacheFile]) {
        let completed = try await completed(ref)
        return (completed, layout.cacheFiles(of: completed, source: description, limits: limits))
    }

    /// The reference with its media names and checksums, which name its cached media: as given
    /// (listings and serialize give them), else as the source completes it. An offline source has
    /// no metadata to read.
    private func completed(_ ref: ArticleRef) async throws(SourceError) -> ArticleRef {
        guard ref.mediaFiles == nil, case .online(let source) = origin else { return ref }
        return try await source.completed(ref)
    }

    /// Each file's cache path, fetching the missing ones at the same time, in the order of `files`.
    private func ensureAll(_ files: [CacheFile]) async -> [Result<(path: String, fill: CacheFill), SourceError>] {
        await withTaskGroup(of: (Int, Result<(path: String, fill: CacheFill), SourceError>).self) { group in
            for (index, file) in files.enumerated() {
                // A typed do/catch inside a child task trapped in release builds (Swift 6.3): a
                // method returning a Result stands in for it.
                group.addTask { (index, await ensuring(file)) }
            }
            var outcomes: [(Int, Result<(path: String, fill: CacheFill), SourceError>)] = []
            for await outcome in group {
                outcomes.append(outcome)
            }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// `ensure(file)` as a result rather than an error.
    private func ensuring(_ file: CacheFile) async -> Result<(path: String, fill: CacheFill), SourceError> {
        do throws(SourceError) {
            return .success(try await ensure(file))
        } catch {
            return .failure(error)
        }
    }

    /// The cache path of `file`, fetching it first when the cache lacks it.
    private func ensure(_ file: CacheFile) async throws(SourceError) -> (path: String, fill: CacheFill) {
        let path = cache.path(of: file)
        switch origin {
        case .offline:
            guard cache.contains(file) else {
                throw .missingFile(file: "\(file.key) (not in the cache \(cache.root.path), and the source is offline)")
            }
            return (path, .alreadyCached)
        case .online(let source):
            let name = source.location(of: file.key)
            let fill = try await cache.fill(file, name: name) { temporary async throws(SourceError) in
                try await source.download(file.key, to: temporary, limit: file.limit)
            }
            return (path, fill)
        }
    }
}
