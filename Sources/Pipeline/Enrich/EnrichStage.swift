import Catalog
import Entrez
import Logging

/// The enrich stage: asks PubMed for the record of every PMID the dataset's articles carry that
/// the catalog has no record for, `batchSize` PMIDs a request and `concurrentRequests` requests at
/// a time (the client's rate limit paces them), and stores each answer as it comes.
///
/// Every PMID without a record is logged and recorded with its cause. A PMID PubMed has no record
/// for is not asked again unless `retryNoRecord`; one whose requests failed is asked again by the
/// next run. A killed run keeps every answer stored before it stopped, and so does a run that
/// stops after `failedBatchesBeforeGivingUp` batches in a row failed.
public struct EnrichStage: Sendable {
    /// The catalog to read PMIDs from and store records in.
    public var catalog: Catalog
    /// The efetch client.
    public var client: EFetchClient
    /// PMIDs a request: up to 200 go in a GET, more in a POST.
    public var batchSize: Int
    /// Requests in flight at most.
    public var concurrentRequests: Int
    /// True to ask again for PMIDs PubMed had no record for.
    public var retryNoRecord: Bool

    /// Batches in a row whose every try failed before the stage stops: E-utilities is then out of
    /// reach or refusing this client, and asking on would only lengthen the run and the log.
    public static let failedBatchesBeforeGivingUp = 3

    /// The most PMIDs one request may carry: NCBI's documented ceiling for efetch by POST.
    public static let maxBatchSize = 10_000

    /// A stage storing into `catalog` what `client` fetches.
    public init(catalog: Catalog, client: EFetchClient, batchSize: Int = 200, concurrentRequests: Int = 3, retryNoRecord: Bool = false) {
        self.catalog = catalog
        self.client = client
        self.batchSize = min(max(1, batchSize), Self.maxBatchSize)
        self.concurrentRequests = max(1, concurrentRequests)
        self.retryNoRecord = retryNoRecord
    }

    /// Runs the stage, reporting progress after each stored answer; misses are logged.
    public func run(in context: RunContext) async throws -> Summary {
        let logger = context.logger
        let pmids = try catalog.pmidsToEnrich(includingNoRecord: retryNoRecord)
        var summary = Summary()
        summary.pmidsToAsk = pmids.count
        func progress(_ summary: Summary) { context.progress(summary.progressEvent) }
        progress(summary)
        var batchesFailedInARow = 0
        func take(_ outcome: EFetchOutcome) throws {
            let articles = try catalog.storePubMed(outcome)
            summary.pmidsDone += outcome.records.count + outcome.misses.count
            summary.records += outcome.records.count
            summary.requests += outcome.requests
            for miss in outcome.misses {
                switch miss.kind {
                case .noRecord: summary.noRecord += 1
                case .failed: summary.failed += 1
                }
                let names = (articles[miss.pmid] ?? []).map(\.description).joined(separator: ", ")
                logger.warning("\(names.isEmpty ? "" : names + ": ")PMID \(miss.pmid): no PubMed record (\(miss.kind.rawValue)): \(miss.cause)")
            }
            let allFailed = outcome.records.isEmpty && !outcome.misses.isEmpty && outcome.misses.allSatisfy { $0.kind == .failed }
            batchesFailedInARow = allFailed ? batchesFailedInARow + 1 : 0
            if batchesFailedInARow >= Self.failedBatchesBeforeGivingUp {
                throw EnrichError.unreachable(cause: outcome.misses[0].cause, batches: batchesFailedInARow)
            }
            progress(summary)
            try Task.checkCancellation()
        }
        let batches = stride(from: 0, to: pmids.count, by: batchSize).map { Array(pmids[$0..<min($0 + batchSize, pmids.count)]) }
        try await withThrowingTaskGroup(of: EFetchOutcome.self) { group in
            var inFlight = 0
            for batch in batches {
                if inFlight >= concurrentRequests, let outcome = try await group.next() {
                    inFlight -= 1
                    try take(outcome)
                }
                group.addTask { [client] in await client.fetch(batch) }
                inFlight += 1
            }
            while let outcome = try await group.next() { try take(outcome) }
        }
        summary.coverage = try catalog.pubMedCoverage()
        return summary
    }
}
