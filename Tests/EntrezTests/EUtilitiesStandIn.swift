import AsyncHTTPClient
import Entrez
import Foundation
import NIOCore
import TestSupport
import Transport

/// `Tests/Fixtures/eutils_server.py` serving the real efetch answers of `../shared/corpus/efetch`,
/// with a client that sends to it at the rate the enrich stage uses.
final class EUtilitiesStandIn {
    /// The PMIDs of the corpus's PubMed records.
    static let knownPMIDs = ["29768149", "12091962", "9997", "11748933", "11700088", "27797938", "28775130", "30108519", "29963580"]

    private let server: FixtureServer
    /// The transport the client sends through, limited to the endpoint's allowed rate.
    let transport: HTTPTransport
    /// A client of the stand-in, with quick retry waits.
    let client: EFetchClient

    /// Starts the stand-in with `arguments` (`--fault SPEC`, `--shuffle`...), and a client with
    /// `tries`, whose requests carry `apiKey` and `email`.
    init(_ arguments: [String] = [], tries: Int = 5, apiKey: String? = nil, email: String = "tests@example.org") async throws {
        let records = try SharedCorpus.url("efetch").path
        server = try await FixtureServer(script: "eutils_server.py", arguments: [records] + arguments)
        let endpoint = EUtilitiesEndpoint(baseURL: server.endpoint + "entrez/eutils/", tool: "biomedica-tests", email: email, apiKey: apiKey)
        transport = HTTPTransport(settings: HTTPSettings(
            connections: 8, requestsPerSecond: endpoint.sendingRequestsPerSecond, tries: tries,
            connectTimeout: .seconds(2), readTimeout: .seconds(10), requestTimeout: .seconds(20)))
        var client = EFetchClient(endpoint: endpoint, transport: transport)
        client.waits = RetryWaits(firstBackoff: .milliseconds(20), maxRetryAfter: .milliseconds(100))
        self.client = client
    }

    /// Stops the server and closes the client's connections.
    func stop() async {
        try? await transport.shutdown()
        server.stop()
    }

    /// What the stand-in counted: requests, rate violations, the most requests in a second.
    func statistics() async throws -> Statistics {
        try await control("_stats")
    }

    /// Every efetch request the stand-in received, in order.
    func requests() async throws -> [Request] {
        try await control("_requests")
    }

    private func control<T: Decodable>(_ path: String) async throws -> T {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: server.endpoint + path), timeout: .seconds(10))
        return try JSONDecoder().decode(T.self, from: Data(Array(buffer: try await response.body.collect(upTo: 1 << 24))))
    }

    /// `/_stats`.
    struct Statistics: Decodable {
        var requests: Int
        var violations: Int
        var max_per_second: Int
    }

    /// One entry of `/_requests`.
    struct Request: Decodable {
        var method: String
        var time: Double
        var ids: [String]
        var tool: String?
        var email: String?
        var api_key: String?
        var status: Int
        var fault: String
        var returned: [String]
    }
}
