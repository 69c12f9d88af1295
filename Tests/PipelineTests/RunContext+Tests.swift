import Logging
import Pipeline

extension RunContext {
    /// A context for tests: `jobs` at once, logging only what is critical (the corpora's expected
    /// problems stay quiet), no progress, refusing held folders.
    static func test(jobs: Int = 2) -> RunContext {
        var logger = Logger(label: "pipeline-tests")
        logger.logLevel = .critical
        return RunContext(logger: logger, jobs: jobs)
    }
}
