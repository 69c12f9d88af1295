import ArgumentParser

/// The `--jobs N` option of the stages that work on many articles, images or shards at once.
struct JobsOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "How much work runs at once: articles in extract and serialize; images, shards or threads in annotate (default: the cores this process may use, which are those Slurm or taskset gave it and at most its container's CPU limit; when extracting from a network source, its --connections, since the work then waits on requests more than on cores).",
        valueName: "N"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}
