import ArgumentParser
import Pipeline

/// The options of the enrich step, shared by `enrich` and `build --enrich`: where E-utilities is,
/// who asks, and how many PMIDs a request carries.
struct EUtilitiesOptions: ParsableArguments {
    @Option(name: .customLong("eutils-url"), help: ArgumentHelp(
        "The E-utilities base URL that efetch.fcgi is appended to: NCBI's, a mirror, a test server.", valueName: "URL"))
    var eutilsURL = EUtilitiesEndpoint.ncbiBaseURL

    @Option(help: ArgumentHelp(
        "NCBI API key: 10 requests a second instead of 3 (default: $NCBI_API_KEY).", valueName: "KEY"))
    var apiKey: String?

    @Option(help: ArgumentHelp(
        "The contact address NCBI asks every client for, sent with each request (default: $NCBI_EMAIL; required).", valueName: "ADDR"))
    var email: String?

    @Option(help: ArgumentHelp("The tool name sent with each request.", valueName: "NAME"))
    var tool = "biomedica"

    @Option(help: ArgumentHelp(
        "PMIDs a request: up to 200 go in a GET, more in a POST (at most \(EnrichStage.maxBatchSize)).", valueName: "N"))
    var batchSize = 200

    @Flag(help: "Ask again for the PMIDs PubMed had no record for last time (PMIDs whose requests failed are always asked again).")
    var retryNoRecord = false

    /// The settings these options give, at most `rate` requests a second.
    func settings(rate: Double?) -> EnrichSettings {
        EnrichSettings(
            baseURL: eutilsURL, email: email, apiKey: apiKey, tool: tool, batchSize: batchSize, rate: rate,
            retryNoRecord: retryNoRecord)
    }
}
