import Catalog
import Foundation
import Logging
import PMCModel
import PMCSource

/// The extract stage: lists a source, picks the selected articles the catalog does not already
/// have unchanged, extracts them `jobs` at a time and records them in batches; then records the
/// versions the source withdrew.
///
/// Resumable: every batch is one transaction, and an article whose fingerprint is already in the
/// catalog is skipped, so a run killed (or cancelled) at any point and run again ends where an
/// uninterrupted run would. Memory is bounded by the articles in flight (the context's jobs) plus
/// one batch.
public struct ExtractStage: Sendable {
    /// Which articles to work on.
    public var selection: ArticleSelection
    /// Extract again the articles that failed last time even if they did not change.
    public var retryFailed: Bool
    /// Withdraw what the catalog holds even when the source lists no article at all; without it,
    /// an empty listing (an unmounted folder, an emptied mirror) withdraws nothing.
    public var allowEmptySource: Bool
    /// Articles recorded per transaction.
    public var batchSize = 64

    private let source: any ArticleSource
    private let catalog: Catalog

    /// Creates the stage.
    public init(
        source: any ArticleSource, catalog: Catalog, selection: ArticleSelection, retryFailed: Bool = false, allowEmptySource: Bool = false
    ) {
        self.source = source
        self.catalog = catalog
        self.selection = selection
        self.retryFailed = retryFailed
        self.allowEmptySource = allowEmptySource
    }

    /// Runs the stage, `context.jobs` articles at a time (default: the cores), reporting progress
    /// after every recorded batch.
    ///
    /// Every version the listing holds is marked in the catalog as the run goes; once the listing
    /// was read to its end, the versions of the selection left unmarked are recorded as withdrawn.
    public func run(in context: RunContext) async throws -> Summary {
        let jobs = context.jobsForCores
        let logger = context.logger
        let runID = try catalog.startRun(stage: "extract", source: source.description)
        // Not the run's id: a merged catalog carries its parts' marks, and their run ids repeat.
        let listing = Int64.random(in: 1...Int64.max)
        var summary = Summary()
        func progress(_ summary: Summary) { context.progress(summary.progressEvent) }
        var batch: [CatalogEntry] = []
        var listed: [ArticleVersion] = []
        var cursor = SelectionCursor(source: source, selection: selection)
        var previous: ArticleVersion?
        let extractor = ArticleExtractor(source: source)

        func flush() throws {
            try catalog.record(batch, listed: listed, by: listing)
            batch.removeAll(keepingCapacity: true)
            listed.removeAll(keepingCapacity: true)
            progress(summary)
            try Task.checkCancellation()
        }

        func take(_ entry: CatalogEntry) throws {
            tally(entry, into: &summary, logger: logger)
            batch.append(entry)
            if batch.count >= batchSize { try flush() }
        }

        do {
            try await withThrowingTaskGroup(of: CatalogEntry.self) { group in
                var inFlight = 0
                while let step = try await cursor.next() {
                    (summary.listed, summary.selected) = (cursor.listed, cursor.selected)
                    listed.append(step.id)
                    // Marks of unchanged articles alone must not pile up between batches.
                    if listed.count >= batchSize * 16 { try flush() }
                    guard case .selected(let ref) = step else { continue }
                    defer { previous = ref.id }
                    guard try needsExtraction(ref, after: previous, counting: &summary) else { continue }
                    if inFlight >= jobs, let entry = try await group.next() {
                        inFlight -= 1
                        try take(entry)
                    }
                    group.addTask { await extractor.extract(ref) }
                    inFlight += 1
                }
                while let entry = try await group.next() {
                    try take(entry)
                }
            }
        } catch {
            // Keep what was extracted before the source failed: the next run will not redo it.
            try? catalog.record(batch, listed: listed, by: listing)
            throw error
        }
        try flush()
        if let reason = try uncheckedWithdrawals(listingComplete: cursor.isComplete, listed: cursor.listed) {
            summary.withdrawnUnchecked = reason.rawValue
            if reason == .emptyListing {
                logger.warning("\(source.description) listed no article where the catalog holds some: nothing is withdrawn (an unmounted folder?); --allow-empty-source withdraws them")
            }
        } else {
            summary.withdrawn = try catalog.withdrawUnlisted(by: listing, selected: { [filter = selection.listing] in filter.admits($0) })
        }
        progress(summary)
        let encoded = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try catalog.finishRun(runID, summary: encoded)
        return summary
    }

    /// Whether `ref` must be extracted; counts it as unchanged, changed, retried, replaced or added.
    /// `previous` is the version selected just before: listings sort a PMCID's versions together,
    /// so a version extracted in this same run is known to replace it whether or not it has been
    /// recorded yet.
    private func needsExtraction(_ ref: ArticleRef, after previous: ArticleVersion?, counting summary: inout Summary) throws -> Bool {
        if let state = try catalog.extractionState(of: ref.id) {
            if state.fingerprint != ref.fingerprint {
                summary.changed += 1
                return true
            }
            guard state.failed && retryFailed else {
                summary.unchanged += 1
                return false
            }
            summary.retried += 1
            return true
        }
        let followsEarlier = previous.map { $0.pmcid == ref.id.pmcid && $0.version < ref.id.version } ?? false
        if try followsEarlier || catalog.hasEarlierVersion(of: ref.id) {
            summary.replaced += 1
        } else {
            summary.added += 1
        }
        return true
    }

    /// Why a run does not look for withdrawn versions, as `Summary.withdrawnUnchecked` says it.
    enum UncheckedWithdrawals: String {
        /// `--limit` cut the listing short.
        case limit = "--limit"
        /// Only the listing a fetch recorded in the cache was read, not the source's.
        case offlineListing = "offline listing"
        /// The source listed nothing where the catalog holds articles.
        case emptyListing = "the source listed nothing; --allow-empty-source"
    }

    /// Why this run cannot tell which versions the source withdrew, nil when it can: only a
    /// listing read to its end, from the source itself, shows what is gone; and a listing that
    /// holds nothing at all where the catalog holds articles is more likely a source gone missing
    /// than a source that withdrew everything.
    private func uncheckedWithdrawals(listingComplete: Bool, listed: Int) throws -> UncheckedWithdrawals? {
        if !listingComplete { return .limit }
        // Offline, the listing is what a fetch selected and recorded, not what the source holds.
        if let cached = source as? CachedSource, cached.isOffline { return .offlineListing }
        if listed == 0 && !allowEmptySource,
           try catalog.countListedArticles(selected: { [filter = selection.listing] in filter.admits($0) }) > 0 {
            return .emptyListing
        }
        return nil
    }

    private func tally(_ entry: CatalogEntry, into summary: inout Summary, logger: Logger) {
        if let failure = entry.failure {
            summary.failed += 1
            summary.errorsByKind[failure.kind, default: 0] += 1
            logger.warning("\(failure.message)", metadata: ["kind": "\(failure.kind)"])
        } else {
            summary.extracted += 1
        }
        for warning in entry.warnings {
            summary.warningsByKind[warning.kind, default: 0] += 1
            logger.debug("\(warning.message)", metadata: ["kind": "\(warning.kind)"])
        }
        for figure in entry.article?.figures ?? [] {
            switch figure.kind {
            case .figure: summary.figures += 1
            case .table: summary.tables += 1
            }
        }
        for files in entry.media {
            for file in files {
                if file == nil { summary.unresolvedGraphics += 1 } else { summary.resolvedGraphics += 1 }
            }
        }
    }
}
