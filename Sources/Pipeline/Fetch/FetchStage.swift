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
    /// Which articles to fetch.
    public var selection: ArticleSelection

    /// A stage fetching through `source`.
    public init(source: CachedSource, sourceKey: String, selection: ArticleSelection) {
        self.source = source
        self.sourceKey = sourceKey
        self.selection = selection
    }

    /// Runs the stage, `context.jobs` articles at a time (default: the cores), reporting progress
    /// after each article.
    public func run(in context: RunContext) async throws -> Summary {
        let jobs = context.jobsForCores
        let logger = context.logger
        let listing = try source.recordListing(as: sourceKey)
        var summary = Summary()
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
            context.progress(summary.progressEvent)
        }
        try await withThrowingTaskGroup(of: (ArticleRef, ArticleFetch).self) { group in
            var inFlight = 0
            var cursor = SelectionCursor(source: source, selection: selection)
            while let step = try await cursor.next() {
                (summary.listed, summary.selected) = (cursor.listed, cursor.selected)
                guard case .selected(let ref) = step else { continue }
                try listing.append(ref)
                try Task.checkCancellation()
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
