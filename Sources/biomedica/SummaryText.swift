import Pipeline

/// The closing summaries printed after a stage, for a person to read.
enum SummaryText {
    /// The summary of an extract run.
    static func extract(_ summary: ExtractStage.Summary, catalog: String) -> String {
        var lines = [
            "extract finished: \(summary.listed) listed, \(summary.selected) selected, \(summary.unchanged) unchanged"
                + (summary.retried > 0 ? ", \(summary.retried) failed before and retried" : ""),
            "  changes: \(summary.added) added, \(summary.changed) changed, \(summary.replaced) replaced, "
                + (summary.withdrawnUnchecked.map { "withdrawn: not checked (\($0))" } ?? "\(summary.withdrawn) withdrawn"),
            "  articles: \(summary.extracted) extracted, \(summary.failed) failed",
            "  figures: \(summary.figures), tables: \(summary.tables)"
                + " (graphics: \(summary.resolvedGraphics) resolved, \(summary.unresolvedGraphics) without a media file)",
        ]
        if !summary.errorsByKind.isEmpty {
            lines.append("  errors: " + counts(summary.errorsByKind))
        }
        if !summary.warningsByKind.isEmpty {
            lines.append("  warnings: " + counts(summary.warningsByKind))
        }
        lines.append("  catalog: \(catalog)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary of an annotate run.
    static func annotate(_ summary: AnnotateStage.Summary, output: String) -> String {
        var lines = [
            "annotate finished: \(summary.features.images) images with features (\(summary.features.failed) could not be decoded; "
                + "\(summary.features.computedShards) shards computed, \(summary.features.reusedShards) already done)",
            "  model: \(summary.model), \(summary.clusters) clusters" + (summary.fitted ? ", fitted in this run" : ", saved earlier"),
            "  assigned: \(summary.assigned) images; labelled clusters: \(summary.labelledClusters)",
            "  samples changed: \(summary.written.samplesChanged) in \(summary.written.shardsRewritten) shards",
        ]
        if summary.reviewedClusters > 0 {
            lines.append("  review: \(summary.reviewedClusters) contact sheets in \(output)/annotation/review")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary of a serialize run.
    static func serialize(_ summary: SerializeStage.Summary, output: String) -> String {
        var lines = [
            "serialize finished: \(summary.articles) articles serialized"
                + (summary.resumed > 0 ? ", \(summary.resumed) already done" : "")
                + (summary.rebuilt ? " (shards rewritten from the start; the log says why)" : ""),
            "  samples written: \(summary.samples)" + (summary.samplesByGroup.isEmpty ? "" : " (" + counts(summary.samplesByGroup) + ")")
                + ", exact duplicates: \(summary.duplicates), near duplicates: \(summary.nearDuplicates)",
        ]
        if summary.featureShards > 0 {
            lines.append("  feature files written: \(summary.featureShards) shards")
        }
        if !summary.droppedByReason.isEmpty {
            lines.append("  dropped: " + counts(summary.droppedByReason))
        }
        if !summary.failedByReason.isEmpty {
            lines.append("  failed: " + counts(summary.failedByReason))
        }
        let total = summary.totalSamplesByGroup.values.reduce(0, +)
        lines.append("  dataset: \(total) samples in \(summary.totalShards) shards"
                     + (summary.totalSamplesByGroup.isEmpty ? "" : " (" + counts(summary.totalSamplesByGroup) + ")"))
        lines.append("  shards: \(output)/shards/GROUP/NNNNNN.tar, tables: \(output)/parquet/{samples,articles}.parquet")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary of a fetch run; `http` is what its requests amounted to, nil for a local source.
    static func fetch(_ summary: FetchStage.Summary, http: HTTPStatistics?, cache: String) -> String {
        var lines = [
            "fetch finished: \(summary.listed) listed, \(summary.selected) selected, \(summary.articles) articles fetched"
                + " (\(summary.articlesWithErrors) with errors)",
            "  files: \(summary.filesFetched) fetched (\(summary.bytes) bytes), \(summary.filesAlreadyCached) already cached",
        ]
        if let http {
            lines.append("  requests: \(http.requests) sent, \(http.retries) retries, \(http.resumedDownloads) downloads resumed")
        }
        if !summary.errorsByKind.isEmpty {
            lines.append("  errors: " + counts(summary.errorsByKind))
        }
        lines.append("  cache: \(cache)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary of an enrich run; `http` is what its requests amounted to.
    static func enrich(_ summary: EnrichStage.Summary, http: HTTPStatistics, catalog: String) -> String {
        var lines = [
            "enrich finished: \(summary.pmidsToAsk) PMIDs to ask, \(summary.records) records stored, "
                + "\(summary.noRecord) without a PubMed record, \(summary.failed) failed",
            "  requests: \(http.requests) sent, \(http.retries) retries",
        ]
        if let coverage = summary.coverage {
            lines.append("  articles: \(coverage.articles), \(coverage.withRecord) with a PubMed record, "
                         + "\(coverage.withoutPMID) without a PMID, \(coverage.noRecord) without a PubMed record, \(coverage.failed) failed")
        }
        lines.append("  catalog: \(catalog)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary of a merge.
    static func merge(_ summary: MergeStage.Summary, output: String) -> String {
        let groups = summary.samplesByGroup.isEmpty ? "" : " (" + counts(summary.samplesByGroup) + ")"
        let lines = [
            "merge finished: \(summary.parts) parts, \(summary.articles) articles",
            "  samples written: \(summary.samples)\(groups), duplicates across parts: \(summary.crossPartDuplicates)",
            "  shards: \(summary.shards) in \(output)/shards/GROUP/NNNNNN.tar, tables: \(output)/parquet/{samples,articles}.parquet",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func counts(_ byKind: [String: Int]) -> String {
        byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
