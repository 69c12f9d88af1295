import Pipeline
import Synchronization

/// One self-rewriting status line on stderr while a stage runs; silent when stderr is not a
/// terminal (a Slurm log, a pipe) or when asked to be quiet.
final class ProgressDisplay: Sendable {
    private let enabled: Bool
    private let stage: String
    private let started = ContinuousClock.now
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)

    init(stage: String, quiet: Bool) {
        self.stage = stage
        enabled = !quiet && FileOutput.standardError.isTerminal
    }

    /// Redraws the line, at most ten times a second.
    func update(_ summary: ExtractSummary) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = lastDrawn.withLock { last in
            if let previous = last, now - previous < .milliseconds(100) { return false }
            last = now
            return true
        }
        guard due else { return }
        FileOutput.standardError.emit("\r\u{1B}[K" + line(summary, now: now))
    }

    /// Ends the line so later output starts on a fresh one.
    func finish(_ summary: ExtractSummary) {
        guard enabled else { return }
        FileOutput.standardError.emit("\r\u{1B}[K" + line(summary, now: .now) + "\n")
    }

    private func line(_ summary: ExtractSummary, now: ContinuousClock.Instant) -> String {
        let done = summary.extracted + summary.failed
        let seconds = Double((now - started).components.seconds) + Double((now - started).components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "\(stage): \(done) of \(summary.selected - summary.unchanged) articles"
        text += " (\(summary.failed) failed), \(summary.figures) figures, \(summary.tables) tables"
        if summary.unchanged > 0 { text += ", \(summary.unchanged) unchanged" }
        text += ", \(Int(rate.rounded())) articles/s"
        return text
    }
}
