import Pipeline
import Synchronization

/// One self-rewriting status line on stderr while a stage runs; silent when stderr is not a
/// terminal (a Slurm log, a pipe) or when asked to be quiet.
final class ProgressDisplay: Sendable {
    private let enabled: Bool
    private let started = ContinuousClock.now
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

    init(quiet: Bool) {
        enabled = !quiet && FileOutput.standardError.isTerminal
    }

    /// Redraws the line, at most ten times a second: `STAGE: DONE of TOTAL UNIT (DETAIL), RATE UNIT/s`.
    func update(stage: String, done: Int, total: Int, unit: String, detail: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = lastDrawn.withLock { last in
            if let previous = last, now - previous < .milliseconds(100) { return false }
            last = now
            return true
        }
        guard due else { return }
        FileOutput.standardError.emit("\r\u{1B}[K" + line(stage: stage, done: done, total: total, unit: unit, detail: detail, now: now))
    }

    /// Ends the line so later output starts on a fresh one.
    func finish() {
        guard enabled, lastDrawn.withLock({ $0 != nil }) else { return }
        FileOutput.standardError.emit("\n")
    }

    private func line(stage: String, done: Int, total: Int, unit: String, detail: String, now: ContinuousClock.Instant) -> String {
        let elapsed = now - started
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
}
