import ArgumentParser
import Catalog
import Foundation

/// `biomedica export`: the catalog as JSON Lines, one article version per line.
struct ExportCommand: ParsableCommand {
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

    func run() throws {
        let catalog = try catalogOptions.openExisting()
        let output = try JSONLinesFile(path: jsonl)
        var count = 0
        try catalog.forEachExportedArticle { article in
            try output.append(ArticleJSON.line(article))
            count += 1
        }
        try output.close()
        if !global.quiet && jsonl != "-" {
            FileOutput.standardError.emit("exported \(count) article versions to \(jsonl)\n")
        }
    }
}
