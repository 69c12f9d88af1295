import ArgumentParser
import Pipeline

/// `biomedica enrich`: add PubMed's MeSH terms, abstract, publication types and references to the
/// catalog's articles, from NCBI E-utilities.
struct EnrichCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrich",
        abstract: "Add PubMed's MeSH terms, abstract, publication types and cited PMIDs to the catalog's articles (NCBI E-utilities).",
        discussion: """
            Asks efetch (db=pubmed, retmode=xml) for the PubMed record of every PMID the catalog's articles carry, 200 PMIDs a request (--batch-size; above 200 the request is a POST), at 80% of NCBI's limit of 3 requests a second, or 10 with an NCBI API key, lowered with --rate. Records are matched to articles by PMID, never by position, and kept in the catalog by PMID: a second run sends no request, and serialize (or build) puts them into the samples and the Parquet tables.

            429, 5xx, timeouts, error pages (HTML or JSON served with 200) and answers that are not PubMed XML are tried again after a growing random wait, or the Retry-After NCBI asks for. A PMID left out of two answers (PubMed drops unknown PMIDs silently; an empty answer counts) is recorded as having no PubMed record, and asked again only with --retry-no-record; one whose requests kept failing is asked again by the next run. Each is logged with its cause and recorded as a warning on its articles. After 3 batches in a row failed for good, the run stops with exit status 69, keeping what it stored.

            Examples:
              NCBI_EMAIL=me@example.org biomedica enrich --catalog out/catalog.sqlite
              biomedica enrich --catalog out/catalog.sqlite --email me@example.org --api-key $KEY
              biomedica build --source pmc --limit 1000 --out pmc-1000 --enrich --email me@example.org
            """)

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var eutils: EUtilitiesOptions

    @Option(help: ArgumentHelp("Requests per second at most, below NCBI's 3 (10 with an API key).", valueName: "R"))
    var rate: Double?

    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var plan = BuildPlan(catalog: catalogOptions.url)
        plan.enrich = eutils.settings(rate: rate)
        let summary = try await reportingFailures {
            try await plan.run(in: global.context(label: "biomedica.enrich", wait: waitOptions))
        }
        if !global.quiet, let (enriched, http) = summary.enrich {
            FileOutput.standardOutput.emit(SummaryText.enrich(enriched, http: http, catalog: summary.catalog))
        }
    }
}
