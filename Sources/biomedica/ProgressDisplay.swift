import Pipeline
import Synchronization

/// One self-rewriting status line on stderr while a stage runs; silent when stderr is not a
/// terminal (a Slurm log, a pipe) or when asked to be quiet.
final class ProgressDisplay: Sendable {
    private struct State {
        /// The stage shown and when it began: a rate counts from its own stage's start.
        var stage: String
        var started: ContinuousClock.Instant
        var lastDrawn: ContinuousClock.Instant?
        /// The newest line, drawn or not: `finish()` shows it, so the last state is never lost to throttling.
        var latest = ""
        var latestDrawn = false
    }

    private let enabled: Bool
    private let state = Mutex<State?>(nil)

    init(quiet: Bool) {
        enabled = !quiet && FileOutput.standardError.isTerminal
    }

    /// Redraws the line, at most ten times a second: `STAGE: DONE of TOTAL UNIT (DETAIL), RATE UNIT/s`.
    func update(stage: String, done: Int, total: Int, unit: String, detail: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let text: String? = state.withLock { state in
            if state?.stage != stage { state = State(stage: stage, started: now) }
            state!.latest = line(stage: stage, done: done, total: total, unit: unit, detail: detail, elapsed: now - state!.started)
            if let previous = state!.lastDrawn, now - previous < .milliseconds(100) {
                state!.latestDrawn = false
                return nil
            }
            state!.lastDrawn = now
            state!.latestDrawn = true
            return state!.latest
        }
        if let text { FileOutput.standardError.emit("\r\u{1B}[K" + text) }
    }

    /// Shows the stage's last state and ends the line, so later output starts on a fresh one.
    func finish() {
        guard enabled, let last = state.withLock({ state in defer { state = nil }; return state }) else { return }
        FileOutput.standardError.emit((last.latestDrawn ? "" : "\r\u{1B}[K" + last.latest) + "\n")
    }

    private func line(stage: String, done: Int, total: Int, unit: String, detail: String, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        return "\(stage): \(done) of \(total) \(unit) (\(detail)), \(Int(rate.rounded())) \(unit)/s"
    }
}

extension ProgressDisplay {
    /// Shows an extract run's progress.
    func update(_ summary: ExtractSummary) {
        var detail = "\(summary.failed) failed, \(summary.figures) figures, \(summary.tables) tables"
        if summary.unchanged > 0 { detail += ", \(summary.unchanged) unchanged" }
        update(stage: "extract", done: summary.extracted + summary.failed, total: summary.selected - summary.unchanged,
               unit: "articles", detail: detail)
    }

    /// Shows a serialize run's progress.
    func update(_ summary: SerializeSummary) {
        let failed = summary.failedByReason.values.reduce(0, +)
        let dropped = summary.droppedByReason.values.reduce(0, +)
        update(stage: "serialize", done: summary.articles, total: summary.pending, unit: "articles",
               detail: "\(summary.samples) samples, \(dropped) dropped, \(failed) failed, \(summary.duplicates) duplicates")
    }

    /// Shows a fetch run's progress.
    func update(_ summary: FetchSummary) {
        let errors = summary.errorsByKind.values.reduce(0, +)
        update(stage: "fetch", done: summary.articles, total: summary.selected, unit: "articles",
               detail: "\(summary.filesFetched) files fetched, \(summary.filesAlreadyCached) already cached, \(errors) errors")
    }
}

extension ProgressDisplay {
    /// Shows an enrich run's progress.
    func update(_ summary: EnrichSummary) {
        update(stage: "enrich", done: summary.pmidsDone, total: summary.pmidsToAsk, unit: "PMIDs",
               detail: "\(summary.records) records, \(summary.noRecord) without record, \(summary.failed) failed, \(summary.requests) requests")
    }
}
