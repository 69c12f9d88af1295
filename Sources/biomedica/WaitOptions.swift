import ArgumentParser

/// The `--wait` flag of the commands that write a dataset or a catalog.
struct WaitOptions: ParsableArguments {
    @Flag(help: "When another biomedica run is writing the same dataset folder or catalog, wait for it to end instead of exiting with status 75.")
    var wait = false
}
