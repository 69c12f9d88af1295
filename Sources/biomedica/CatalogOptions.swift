import ArgumentParser
import Catalog
import Foundation

/// The `--catalog FILE` option, and opening the catalog with the right exit status on failure.
struct CatalogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The SQLite catalog file (created when absent).", valueName: "FILE"))
    var catalog: String

    /// Opens (or creates) the catalog.
    func open() throws -> Catalog {
        try Self.open(path: catalog)
    }

    /// Opens (or creates) the catalog at `path`.
    static func open(path: String) throws -> Catalog {
        do {
            return try Catalog(path: path)
        } catch {
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        }
    }

    /// Opens a catalog that must already exist, for commands that only read.
    func openExisting() throws -> Catalog {
        try Self.openExisting(path: catalog)
    }

    /// Opens the catalog at `path`, which must already exist.
    static func openExisting(path: String) throws -> Catalog {
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail("no catalog at \(path): run `biomedica extract` first", status: ExitStatus.noInput)
        }
        return try open(path: path)
    }
}
