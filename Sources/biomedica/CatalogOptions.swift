import ArgumentParser
import Foundation

/// The `--catalog FILE` option.
struct CatalogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite catalog file.", valueName: "FILE"))
    var catalog: String

    /// The catalog file.
    var url: URL { URL(fileURLWithPath: catalog) }
}
