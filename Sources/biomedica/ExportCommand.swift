import ArgumentParser
import Foundation
import Pipeline

/// `biomedica export`: the catalog as JSON Lines, one article version per line.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the catalog as JSON Lines: one object per article version with its figures.",
        discussion: """
            Lines are sorted by PMCID and version, so two catalogs with the same content export to identical files. Each object has pmcid, version, pmid, doi, title, abstract, journal, date, citation, license_code, license_group, license_url, keywords, subjects, figures (id, kind, label, caption_title, caption, graphics, media, parent_id, license_url, references, references_xml) and error (null, or kind and message).

            Example:
              biomedica export --catalog out/c.sqlite --jsonl out/a.jsonl
            """)

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: ArgumentHelp("The output file; - for standard output.", valueName: "FILE"))
    var jsonl: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let count = try await reportingFailures {
            if jsonl == "-" {
                return try CatalogExport.export(catalog: catalogOptions.url) { FileOutput.standardOutput.emit($0 + "\n") }
            }
            return try CatalogExport.export(catalog: catalogOptions.url, to: URL(fileURLWithPath: jsonl))
        }
        if !global.quiet && jsonl != "-" {
            FileOutput.standardError.emit("exported \(count) article versions to \(jsonl)\n")
        }
    }
}
