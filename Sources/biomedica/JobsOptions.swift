import ArgumentParser
import Foundation

/// The `--jobs N` option of the stages that work on many articles at once.
struct JobsOptions: ParsableArguments {
    @Option(help: "Articles worked on at the same time (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}
