import Catalog
import Entrez
import Foundation
import Transport

/// How the enrich stage asks NCBI E-utilities: where, who asks, how many PMIDs a request carries,
/// how fast, and whether to ask again for PMIDs PubMed had no record for.
public struct EnrichSettings: Sendable {
    /// The base URL `efetch.fcgi` is appended to: NCBI's, a mirror, a test server.
    public var baseURL: String
    /// The contact address NCBI asks every client for.
    public var email: String?
    /// An NCBI API key: 10 requests a second instead of 3.
    public var apiKey: String?
    /// The tool name sent with each request.
    public var tool: String
    /// PMIDs a request: up to 200 go in a GET, more in a POST.
    public var batchSize: Int
    /// Requests per second at most, below NCBI's limit; nil for 80% of NCBI's.
    public var rate: Double?
    /// Ask again for the PMIDs PubMed had no record for last time.
    public var retryNoRecord: Bool

    /// Settings; the address and the key default to `NCBI_EMAIL` and `NCBI_API_KEY` in `environment`.
    public init(
        baseURL: String = EUtilitiesEndpoint.ncbiBaseURL, email: String? = nil, apiKey: String? = nil, tool: String = "biomedica",
        batchSize: Int = 200, rate: Double? = nil, retryNoRecord: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.baseURL = baseURL
        self.email = email ?? environment["NCBI_EMAIL"]
        self.apiKey = (apiKey ?? environment["NCBI_API_KEY"]).flatMap { $0.isEmpty ? nil : $0 }
        self.tool = tool
        self.batchSize = batchSize
        self.rate = rate
        self.retryNoRecord = retryNoRecord
    }

    /// The endpoint these settings name.
    /// - Throws: `UsageError` for a batch size, rate or URL out of range, or no contact address.
    public func endpoint() throws(UsageError) -> EUtilitiesEndpoint {
        guard (1...EnrichStage.maxBatchSize).contains(batchSize) else {
            throw UsageError("--batch-size must be from 1 to \(EnrichStage.maxBatchSize)")
        }
        if let rate, !(rate >= 0.001) { throw UsageError("the E-utilities rate must be at least 0.001 requests per second") }
        guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            throw UsageError("--eutils-url must be an http(s) URL, not '\(baseURL)'")
        }
        guard let email, email.contains("@") else {
            throw UsageError("NCBI asks every E-utilities client for a contact address: give --email ADDR or set NCBI_EMAIL")
        }
        return EUtilitiesEndpoint(baseURL: baseURL, tool: tool, email: email, apiKey: apiKey)
    }

    /// The HTTP settings of a run's own transport: NCBI's rate, or `rate` where lower, with
    /// enough requests in flight to keep the rate busy while NCBI takes up to 2 s to answer one.
    func httpSettings(for endpoint: EUtilitiesEndpoint) -> HTTPSettings {
        var settings = HTTPSettings.standard
        let requestsPerSecond = min(rate ?? endpoint.sendingRequestsPerSecond, endpoint.sendingRequestsPerSecond)
        settings.requestsPerSecond = requestsPerSecond
        settings.connections = max(2, Int((requestsPerSecond * 2).rounded(.up)))
        settings.requestTimeout = .seconds(300)
        return settings
    }
}

extension EnrichSettings {
    /// Runs the enrich stage on `catalog` through a transport of its own, closed afterwards, and
    /// returns its summary and what its requests amounted to.
    /// - Throws: `UsageError` for settings out of range, `EnrichError` when E-utilities stays out
    ///   of reach, `CatalogError` when the records cannot be stored.
    public func enrich(_ catalog: Catalog, in context: RunContext) async throws -> (EnrichStage.Summary, HTTPStatistics) {
        let endpoint = try endpoint()
        let settings = httpSettings(for: endpoint)
        let transport = HTTPTransport(settings: settings)
        let stage = EnrichStage(
            catalog: catalog, client: EFetchClient(endpoint: endpoint, transport: transport), batchSize: batchSize,
            concurrentRequests: settings.connections, retryNoRecord: retryNoRecord)
        do {
            let summary = try await stage.run(in: context)
            try? await transport.shutdown()
            return (summary, transport.statistics)
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }
}
