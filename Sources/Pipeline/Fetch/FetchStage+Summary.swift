extension FetchStage {
    /// What a fetch run did, for the closing summary.
    public struct Summary: Sendable, Codable, Equatable {
        /// Article versions the source listed inside the shard and PMCIDs.
        public var listed = 0
        /// Listed versions the selection kept.
        public var selected = 0
        /// Selected versions whose files were all attempted.
        public var articles = 0
        /// Selected versions with at least one file that could not be fetched.
        public var articlesWithErrors = 0
        /// Files transferred and verified in this run.
        public var filesFetched = 0
        /// Files the cache held already.
        public var filesAlreadyCached = 0
        /// Bytes transferred in this run.
        public var bytes = 0
        /// Files that could not be fetched, by error kind.
        public var errorsByKind: [String: Int] = [:]

        /// An empty summary.
        public init() {}
    }
}

extension FetchStage.Summary {
    /// The progress this summary shows.
    var progressEvent: ProgressEvent {
        ProgressEvent(stage: "fetch", done: articles, total: selected, unit: "articles", counts: [
            .init("files fetched", filesFetched), .init("already cached", filesAlreadyCached),
            .init("errors", errorsByKind.values.reduce(0, +)),
        ])
    }
}
