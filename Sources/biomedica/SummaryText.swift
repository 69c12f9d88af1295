import Pipeline

/// The closing summaries printed after a stage, for a person to read.
enum SummaryText {
    /// The summary of an extract run.
    static func extract(_ summary: ExtractSummary, catalog: String) -> String {
        var lines = [
            "extract finished: \(summary.listed) listed, \(summary.selected) selected, \(summary.unchanged) unchanged",
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

    private static func counts(_ byKind: [String: Int]) -> String {
        byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
