import ArgumentParser
import Catalog
import Entrez
import Foundation
import Logging
import Pipeline
import Transport

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

    func validate() throws {
        if !(1...EnrichStage.maxBatchSize).contains(batchSize) {
            throw ValidationError("--batch-size must be from 1 to \(EnrichStage.maxBatchSize)")
        }
        guard let url = URL(string: eutilsURL), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            throw ValidationError("--eutils-url must be an http(s) URL, not '\(eutilsURL)'")
        }
    }

    private var resolvedEmail: String? {
        email ?? ProcessInfo.processInfo.environment["NCBI_EMAIL"]
    }

    /// The endpoint these options name. Checked here rather than in `validate`, since `build`
    /// takes these options and needs an address only with `--enrich`.
    func endpoint() throws -> EUtilitiesEndpoint {
        guard let address = resolvedEmail, address.contains("@") else {
            throw fail("NCBI asks every E-utilities client for a contact address: give --email ADDR or set NCBI_EMAIL", status: ExitCode.validationFailure)
        }
        let key = apiKey ?? ProcessInfo.processInfo.environment["NCBI_API_KEY"]
        return EUtilitiesEndpoint(
            baseURL: eutilsURL, tool: tool, email: address, apiKey: key.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Runs the enrich stage on `catalog` at NCBI's rate, or at `rate` requests a second where lower,
    /// through a transport of its own, and returns its summary and what its requests amounted to.
    func enrich(catalog: Catalog, rate: Double?, logger: Logger, display: ProgressDisplay) async throws -> (EnrichSummary, HTTPStatistics) {
        let endpoint = try endpoint()
        var settings = HTTPSettings.standard
        let requestsPerSecond = min(rate ?? endpoint.sendingRequestsPerSecond, endpoint.sendingRequestsPerSecond)
        settings.requestsPerSecond = requestsPerSecond
        // Enough requests in flight to keep the rate busy while NCBI takes up to 2 s to answer one.
        settings.connections = max(2, Int((requestsPerSecond * 2).rounded(.up)))
        settings.requestTimeout = .seconds(300)
        let transport = HTTPTransport(settings: settings)
        let stage = EnrichStage(
            catalog: catalog, client: EFetchClient(endpoint: endpoint, transport: transport), batchSize: batchSize,
            concurrentRequests: settings.connections, retryNoRecord: retryNoRecord, logger: logger)
        let outcome: Result<EnrichSummary, any Error>
        do {
            defer { display.finish() }
            outcome = .success(try await stage.run(progress: { display.update($0) }))
        } catch {
            outcome = .failure(error)
        }
        try? await transport.shutdown()
        switch outcome {
        case .success(let summary):
            return (summary, transport.statistics)
        case .failure(let error as EnrichError):
            throw fail("\(error)", status: ExitStatus.unavailable)
        case .failure(let error):
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        }
    }
}
