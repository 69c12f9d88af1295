import Logging
import Platform

/// What a front door gives every run besides its inputs: where it logs, how much work runs at
/// once, where progress goes, and whether to wait for a dataset or catalog another run holds.
///
/// A run stops when its task is cancelled: stages check between batches, after committing what
/// they did, so a cancelled run resumes where it stopped, as a killed one does.
public struct RunContext: Sendable {
    /// Where the run logs what happened.
    public var logger: Logger
    /// How much work runs at once (articles, images, shards, threads); nil for each stage's
    /// default: the cores this process may use, or a network source's connections.
    public var jobs: Int?
    /// Receives progress events.
    public var progress: ProgressSink
    /// Wait for a dataset folder or catalog another run holds, instead of refusing at once.
    public var waitForLocks: Bool

    /// A context; by default quiet, with each stage's default jobs, refusing held folders.
    public init(logger: Logger, jobs: Int? = nil, progress: @escaping ProgressSink = { _ in }, waitForLocks: Bool = false) {
        self.logger = logger
        self.jobs = jobs
        self.progress = progress
        self.waitForLocks = waitForLocks
    }

    /// The work to run at once: what was asked, else `fallback`.
    func jobs(default fallback: Int) -> Int {
        max(1, jobs ?? fallback)
    }

    /// The work to run at once when it is bound by the cores.
    var jobsForCores: Int { jobs(default: AvailableCores.count) }

    /// Runs `body`, the stage `stage`, then reports that it finished, whether it succeeded or not.
    func finishing<T>(_ stage: String, _ body: () async throws -> T) async rethrows -> T {
        defer { progress(ProgressEvent(stage: stage, done: 0, total: nil, unit: "", finished: true)) }
        return try await body()
    }
}
