import Foundation
import Pipeline

/// One self-rewriting status line on stderr while a stage runs, drawn from the library's progress
/// events; silent when stderr is not a terminal (a Slurm log, a pipe) or when asked to be quiet.
final class ProgressDisplay: @unchecked Sendable {
    private struct State {
        /// The stage shown and when it began: a rate counts from its own stage's start.
        var stage: String
        var started: ContinuousClock.Instant
        var lastDrawn: ContinuousClock.Instant?
        /// The newest line, drawn or not: the stage's end shows it, so the last state is never lost to throttling.
        var latest = ""
        var latestDrawn = false
    }

    private let enabled: Bool
    // Events come from any task; the lock keeps the line whole.
    private let lock = NSLock()
    private var state: State?

    init(quiet: Bool) {
        enabled = !quiet && FileOutput.standardError.isTerminal
    }

    /// Shows `event`: redraws the line at most ten times a second, or ends it when the stage finished.
    func show(_ event: ProgressEvent) {
        guard enabled else { return }
        if event.finished {
            finish()
        } else {
            update(event)
        }
    }

    /// Redraws `STAGE: DONE [of TOTAL] UNIT (COUNTS), RATE UNIT/s`.
    private func update(_ event: ProgressEvent) {
        let now = ContinuousClock.now
        let text: String? = lock.withLock {
            if state?.stage != event.stage { state = State(stage: event.stage, started: now) }
            state!.latest = line(event, elapsed: now - state!.started)
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
    private func finish() {
        guard let last = lock.withLock({ () -> State? in defer { state = nil }; return state }) else { return }
        FileOutput.standardError.emit((last.latestDrawn ? "" : "\r\u{1B}[K" + last.latest) + "\n")
    }

    private func line(_ event: ProgressEvent, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(event.done) / seconds : 0
        let counts = event.counts.map { "\($0.value) \($0.name)" }.joined(separator: ", ")
        let done = event.total.map { "\(event.done) of \($0)" } ?? "\(event.done)"
        return "\(event.stage): \(done) \(event.unit)" + (counts.isEmpty ? "" : " (\(counts))") + ", \(Int(rate.rounded())) \(event.unit)/s"
    }
}
