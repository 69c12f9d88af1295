import ArgumentParser
import Logging
import Pipeline

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .notice

    @Flag(name: .shortAndLong, help: "No progress display and no summary; errors still go to stderr.")
    var quiet = false

    /// Sets up logging to stderr at the chosen level and returns the command's logger.
    func makeLogger(label: String) -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }

    /// The context a command runs the library in: its logger, progress drawn on stderr (unless
    /// quiet or not a terminal), `jobs` and `wait` as given.
    func context(label: String, jobs: JobsOptions? = nil, wait: WaitOptions? = nil) -> RunContext {
        let display = ProgressDisplay(quiet: quiet)
        return RunContext(
            logger: makeLogger(label: label), jobs: jobs?.jobs, progress: { display.show($0) }, waitForLocks: wait?.wait ?? false)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
