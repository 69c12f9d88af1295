import ArgumentParser
import Logging

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
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
