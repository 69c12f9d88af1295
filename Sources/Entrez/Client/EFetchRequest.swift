import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Transport

/// One `efetch.fcgi?db=pubmed&retmode=xml` request for a list of PMIDs, as NCBI asks for it: a GET
/// for up to `getLimit` PMIDs, a form POST above, since longer URLs are refused.
struct EFetchRequest: Sendable {
    /// The PMIDs asked for, in order.
    let pmids: [String]
    /// Where it goes and who sends it.
    let endpoint: EUtilitiesEndpoint

    /// The most PMIDs NCBI takes in a GET's URL.
    static let getLimit = 200

    /// The URL of `efetch.fcgi`.
    var url: String { endpoint.baseURL + "efetch.fcgi" }

    /// True when the request is sent as a POST.
    var isPost: Bool { pmids.count > Self.getLimit }

    /// The parameters, encoded as a query string or a form body.
    var parameters: String {
        var pairs = [("db", "pubmed"), ("retmode", "xml"), ("id", pmids.joined(separator: ",")),
                     ("tool", endpoint.tool), ("email", endpoint.email)]
        if let key = endpoint.apiKey { pairs.append(("api_key", key)) }
        return pairs.map { "\($0)=\(URLEncoding.component($1))" }.joined(separator: "&")
    }

    /// The request to send.
    var httpRequest: HTTPClientRequest {
        guard isPost else { return HTTPClientRequest(url: url + "?" + parameters) }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let body = Array(parameters.utf8)
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }
}
