extension MergeStage {
    /// What a merge did, for the closing summary and the merged catalog's run history.
    public struct Summary: Sendable, Codable, Equatable {
        /// Parts joined.
        public var parts = 0
        /// Serialized articles in the merged dataset.
        public var articles = 0
        /// Samples written to the merged shards, by license group.
        public var samplesByGroup: [String: Int] = [:]
        /// Samples their own part kept that duplicate a sample of an earlier part: left out of the
        /// merged shards (written, marked, with `--keep-duplicates`).
        public var crossPartDuplicates = 0
        /// Shards written, all groups together.
        public var shards = 0

        /// Samples written.
        public var samples: Int { samplesByGroup.values.reduce(0, +) }

        /// An empty summary.
        public init() {}
    }
}

extension MergeStage.Summary {
    /// The progress this summary shows.
    var progressEvent: ProgressEvent {
        ProgressEvent(stage: "merge", done: articles, total: nil, unit: "articles", counts: [
            .init("samples", samples), .init("duplicates across parts", crossPartDuplicates),
        ])
    }
}
