import Catalog
import Foundation
import Logging
import PMCModel
import PMCSource

/// The extract stage: lists a source, picks the selected articles the catalog does not already
/// have unchanged, extracts them `jobs` at a time and records them in batches.
///
/// Resumable: every batch is one transaction, and an article whose fingerprint is already in the
/// catalog is skipped, so a run killed at any point and run again ends where an uninterrupted run
/// would. Memory is bounded by `jobs` articles in flight plus one batch.
public struct ExtractStage: Sendable {
    /// Articles extracted at the same time.
    public var jobs: Int
    /// Which articles to work on.
    public var selection: ArticleSelection
    /// Extract again the articles that failed last time even if they did not change.
    public var retryFailed: Bool
    /// Articles recorded per transaction.
    public var batchSize = 64

    private let source: any ArticleSource
    private let catalog: Catalog
    private let logger: Logger

    /// Creates the stage.
    public init(source: any ArticleSource, catalog: Catalog, jobs: Int, selection: ArticleSelection, retryFailed: Bool = false, logger: Logger) {
        self.source = source
        self.catalog = catalog
        self.jobs = max(1, jobs)
        self.selection = selection
        self.retryFailed = retryFailed
        self.logger = logger
    }

    /// Runs the stage, calling `progress` after every recorded batch and once at the end.
    public func run(progress: @Sendable (ExtractSummary) -> Void = { _ in }) async throws -> ExtractSummary {
        let runID = try catalog.startRun(stage: "extract", source: source.description)
        var summary = ExtractSummary()
        var batch: [CatalogEntry] = []
        let extractor = ArticleExtractor(source: source)

        func take(_ entry: CatalogEntry) throws {
            tally(entry, into: &summary)
            batch.append(entry)
            if batch.count >= batchSize {
                try catalog.record(batch)
                batch.removeAll(keepingCapacity: true)
                progress(summary)
            }
        }

        do {
            try await withThrowingTaskGroup(of: CatalogEntry.self) { group in
                var inFlight = 0
                for try await ref in source.listArticles() {
                    summary.listed += 1
                    guard selection.admits(ref) else { continue }
                    if let limit = selection.limit, summary.selected >= limit { break }
                    summary.selected += 1
                    if let state = try catalog.extractionState(of: ref.id), state.fingerprint == ref.fingerprint,
                       !(state.failed && retryFailed) {
                        summary.unchanged += 1
                        continue
                    }
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
            try? catalog.record(batch)
            throw error
        }
        try catalog.record(batch)
        progress(summary)
        let encoded = (try? JSONEncoder().encode(summary)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try catalog.finishRun(runID, summary: encoded)
        return summary
    }

    private func tally(_ entry: CatalogEntry, into summary: inout ExtractSummary) {
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
