import ArgumentParser
import Catalog
import PMCModel

/// `biomedica show PMCID`: one article as the catalog holds it.
struct ShowCommand: ParsableCommand {
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

    func run() throws {
        guard let id = PMCID(pmcid) else { throw ValidationError("'\(pmcid)' is not a PMCID") }
        let catalog = try catalogOptions.openExisting()
        let versions: [ExportedArticle]
        do {
            versions = try catalog.exportedVersions(of: id)
        } catch {
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        }
        guard !versions.isEmpty else {
            throw fail("\(id) is not in \(catalogOptions.catalog)", status: ExitStatus.noInput)
        }
        for article in versions {
            FileOutput.standardOutput.emit(try ArticleJSON.line(article, pretty: !compact) + "\n")
        }
    }
}
