import Logging
import PMCSource

/// The fetch stage: lists the source, selects articles and puts each one's files (XML, media, or
/// the legacy package) into the content cache, `jobs` articles at a time, skipping files already
/// there. The selected references are recorded in the cache as they are listed, so that later
/// stages can run with the source out of reach.
///
/// A file that cannot be fetched is logged with its article and cause and counted; it does not
/// stop the run. A killed run leaves only complete, verified files in the cache: run again, it
/// fetches what is missing.
public struct FetchStage: Sendable {
    /// The source, read through the cache it fills.
    public var source: CachedSource
    /// Names the source in the cache's recorded listings (the `--source` value, made absolute).
    public var sourceKey: String
    /// Articles fetched at the same time.
    public var jobs: Int
    /// Which articles to fetch.
    public var selection: ArticleSelection
    /// Where per-file failures are logged.
    public var logger: Logger

    /// A stage fetching through `source`.
    public init(source: CachedSource, sourceKey: String, jobs: Int, selection: ArticleSelection, logger: Logger) {
        self.source = source
        self.sourceKey = sourceKey
        self.jobs = max(1, jobs)
        self.selection = selection
        self.logger = logger
    }

    /// Runs the stage, calling `progress` after each article.
    public func run(progress: @Sendable (FetchSummary) -> Void = { _ in }) async throws -> FetchSummary {
        let listing = try source.recordListing(as: sourceKey)
        var summary = FetchSummary()
        func take(_ ref: ArticleRef, _ fetch: ArticleFetch) {
            summary.articles += 1
            summary.filesFetched += fetch.fetched
            summary.filesAlreadyCached += fetch.alreadyCached
            summary.bytes += fetch.bytes
            if !fetch.failures.isEmpty { summary.articlesWithErrors += 1 }
            for failure in fetch.failures {
                summary.errorsByKind[failure.kind, default: 0] += 1
                // The error names its file.
                logger.warning("\(ref.id): \(failure)")
            }
            progress(summary)
        }
        try await withThrowingTaskGroup(of: (ArticleRef, ArticleFetch).self) { group in
            var inFlight = 0
            var cursor = SelectionCursor(source: source, selection: selection)
            while let step = try await cursor.next() {
                (summary.listed, summary.selected) = (cursor.listed, cursor.selected)
                guard case .selected(let ref) = step else { continue }
                try listing.append(ref)
                if inFlight >= jobs, let (done, fetch) = try await group.next() {
                    inFlight -= 1
                    take(done, fetch)
                }
                group.addTask { (ref, await source.fetch(ref)) }
                inFlight += 1
            }
            while let (done, fetch) = try await group.next() {
                take(done, fetch)
            }
        }
        try listing.finish()
        return summary
    }
}
