extension SerializeStage {
    /// What a serialize run did, for the progress line, the closing summary and the run history.
    public struct Summary: Sendable, Codable, Equatable {
        /// Articles to serialize in this run (after those an earlier run committed).
        public var pending = 0
        /// Articles an earlier run had already committed, skipped by this one.
        public var resumed = 0
        /// Articles serialized in this run.
        public var articles = 0
        /// Samples written to shards in this run, by license group.
        public var samplesByGroup: [String: Int] = [:]
        /// Exact duplicates found in this run (left out unless kept).
        public var duplicates = 0
        /// Near duplicates found in this run (kept, marked, unless dropped).
        public var nearDuplicates = 0
        /// Graphics left out by a filter, by reason.
        public var droppedByReason: [String: Int] = [:]
        /// Graphics that failed (missing, corrupt, over the pixel limit, wrong checksum), by kind.
        public var failedByReason: [String: Int] = [:]
        /// Samples in the finished dataset, by license group (all runs).
        public var totalSamplesByGroup: [String: Int] = [:]
        /// Shards in the finished dataset.
        public var totalShards = 0
        /// Shards whose feature files this run wrote.
        public var featureShards = 0
        /// True when the catalog or the options changed and the shards were rebuilt from scratch.
        public var rebuilt = false

        /// Samples written in this run.
        public var samples: Int { samplesByGroup.values.reduce(0, +) }

        /// An empty summary.
        public init() {}
    }
}

extension SerializeStage.Summary {
    /// The progress this summary shows.
    var progressEvent: ProgressEvent {
        ProgressEvent(stage: "serialize", done: articles, total: pending, unit: "articles", counts: [
            .init("samples", samples), .init("dropped", droppedByReason.values.reduce(0, +)),
            .init("failed", failedByReason.values.reduce(0, +)), .init("duplicates", duplicates),
            .init("near duplicates", nearDuplicates),
        ])
    }
}
