import ArgumentParser
import Pipeline

/// `biomedica show PMCID`: one article as the catalog holds it.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one article (every version) as JSON, in the form `export` writes.",
        discussion: """
            Example:
              biomedica show PMC99000001 --catalog out/c.sqlite
            """)

    @Argument(help: "The article's PMCID (PMC prefix optional).")
    var pmcid: String

    @OptionGroup var catalogOptions: CatalogOptions

    @Flag(help: "One line per version instead of indented JSON.")
    var compact = false

    func run() async throws {
        let versions = try await reportingFailures {
            try CatalogExport.versions(of: pmcid, catalog: catalogOptions.url, pretty: !compact)
        }
        for version in versions { FileOutput.standardOutput.emit(version + "\n") }
    }
}
