import Catalog

extension EnrichStage {
    /// What an enrich run did, for the closing summary.
    public struct Summary: Sendable, Equatable {
        /// PMIDs of the dataset's articles the catalog had no record for at the start.
        public var pmidsToAsk = 0
        /// PMIDs asked for so far (answered, missed or failed).
        public var pmidsDone = 0
        /// Records received and stored.
        public var records = 0
        /// PMIDs PubMed answered without a record for.
        public var noRecord = 0
        /// PMIDs whose requests failed; the next run asks again.
        public var failed = 0
        /// Requests sent, retries included.
        public var requests = 0
        /// How the dataset's articles stand with PubMed after the run.
        public var coverage: PubMedCoverage?

        /// An empty summary.
        public init() {}
    }
}

extension EnrichStage.Summary {
    /// The progress this summary shows.
    var progressEvent: ProgressEvent {
        ProgressEvent(stage: "enrich", done: pmidsDone, total: pmidsToAsk, unit: "PMIDs", counts: [
            .init("records", records), .init("without record", noRecord), .init("failed", failed), .init("requests", requests),
        ])
    }
}
