import ArgumentParser
import Pipeline

/// `biomedica parse-pubmed`: show what the enrich stage reads from PubMed XML files (efetch
/// answers, or PubMed's baseline and update files once gunzipped).
struct ParsePubMedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-pubmed",
        abstract: "Print the records biomedica reads from PubMed XML files, as JSON Lines.",
        discussion: """
            Parses each FILE as `efetch db=pubmed retmode=xml` answers are parsed during enrich: MeSH headings with qualifiers and major-topic flags, publication types, keywords, chemicals, the abstract's sections, the journal, the record's own ids and the PMIDs it cites. No DTD is read and no entity expanded. One JSON object a record goes to standard output; --count prints only the number of records.

            Examples:
              biomedica parse-pubmed answer.xml | jq '.meshHeadings[].descriptor.name'
              biomedica parse-pubmed --count pubmed26n0001.xml
            """)

    @Argument(help: ArgumentHelp("PubMed XML files (a <PubmedArticleSet> each).", valueName: "FILE"))
    var files: [String]

    @Flag(help: "Print `records: N`, the number of records in all files, instead of the records.")
    var count = false

    func run() async throws {
        try await reportingFailures {
            var total = 0
            for file in files {
                if count {
                    total += try PubMedFiles.count(in: file)
                } else {
                    FileOutput.standardOutput.emit(try PubMedFiles.records(in: file).map { $0 + "\n" }.joined())
                }
            }
            if count { FileOutput.standardOutput.emit("records: \(total)\n") }
        }
    }
}
