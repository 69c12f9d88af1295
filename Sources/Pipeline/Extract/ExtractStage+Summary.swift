extension ExtractStage {
    /// What an extract run did, for the closing summary and the catalog's run history.
    public struct Summary: Sendable, Codable, Equatable {
        /// Article versions the source listed inside the shard and PMCIDs.
        public var listed = 0
        /// Listed versions the selection kept.
        public var selected = 0
        /// Selected versions skipped because the catalog already has them unchanged.
        public var unchanged = 0
        /// Selected versions that failed before and, unchanged, are extracted again (`--retry-failed`).
        public var retried = 0
        /// Selected versions of articles the catalog had no earlier version of.
        public var added = 0
        /// Selected versions the catalog had with another fingerprint: their content changed.
        public var changed = 0
        /// Selected versions newer than one the catalog (or this run) already had, which they replace.
        public var replaced = 0
        /// Versions in the catalog, inside the shard and PMCIDs, that the complete listing no longer
        /// held: the source withdrew them, and the dataset leaves them out.
        public var withdrawn = 0
        /// Why withdrawals were not looked for, nil when they were: the listing was cut by
        /// `--limit`, only the listing a fetch recorded was read, or the source listed nothing at
        /// all where the catalog holds articles (an unmounted folder; `--allow-empty-source`).
        public var withdrawnUnchecked: String?
        /// Versions extracted without error in this run.
        public var extracted = 0
        /// Versions whose extraction failed in this run.
        public var failed = 0
        /// `fig` items found in this run.
        public var figures = 0
        /// `table` items found in this run.
        public var tables = 0
        /// Graphics resolved to a media file.
        public var resolvedGraphics = 0
        /// Graphics that matched no media file.
        public var unresolvedGraphics = 0
        /// Failed articles by error kind.
        public var errorsByKind: [String: Int] = [:]
        /// Warnings by kind.
        public var warningsByKind: [String: Int] = [:]

        /// An empty summary.
        public init() {}
    }
}

extension ExtractStage.Summary {
    /// The progress this summary shows.
    var progressEvent: ProgressEvent {
        var counts = [ProgressEvent.Count("failed", failed), .init("figures", figures), .init("tables", tables)]
        if unchanged > 0 { counts.append(.init("unchanged", unchanged)) }
        return ProgressEvent(stage: "extract", done: extracted + failed, total: selected - unchanged, unit: "articles", counts: counts)
    }
}
