/// What one efetch of a list of PMIDs brought: a record for some, a miss for each of the others.
public struct EFetchOutcome: Sendable, Hashable {
    /// The records, one per PMID asked for that got one, in the order they were asked for.
    public var records: [PubMedRecord]
    /// The PMIDs asked for that got no record, in the order they were asked for.
    public var misses: [EFetchMiss]
    /// Requests sent, retries included.
    public var requests: Int

    /// Creates an outcome.
    public init(records: [PubMedRecord], misses: [EFetchMiss], requests: Int) {
        self.records = records
        self.misses = misses
        self.requests = requests
    }
}
