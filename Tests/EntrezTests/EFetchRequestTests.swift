@testable import Entrez
import Testing

@Suite("efetch requests: parameters, GET up to 200 PMIDs, POST above")
struct EFetchRequestTests {
    let endpoint = EUtilitiesEndpoint(baseURL: "http://127.0.0.1:9/eutils", tool: "bio medica", email: "a+b@example.org")

    @Test("a GET names db, retmode, the PMIDs, tool and email, percent-encoded, and no api_key without one")
    func get() {
        let request = EFetchRequest(pmids: ["1", "22", "333"], endpoint: endpoint)
        #expect(!request.isPost)
        #expect(request.httpRequest.method == .GET)
        #expect(request.httpRequest.url
                == "http://127.0.0.1:9/eutils/efetch.fcgi?db=pubmed&retmode=xml&id=1%2C22%2C333&tool=bio%20medica&email=a%2Bb%40example.org")
    }

    @Test("an API key is sent, and raises the allowed rate from 3 to 10 requests a second")
    func apiKey() {
        var keyed = endpoint
        keyed.apiKey = "k3y"
        #expect(EFetchRequest(pmids: ["1"], endpoint: keyed).parameters.hasSuffix("&api_key=k3y"))
        #expect(endpoint.allowedRequestsPerSecond == 3)
        #expect(keyed.allowedRequestsPerSecond == 10)
    }

    @Test("200 PMIDs still go in a GET; 201 go in a form POST with the same parameters")
    func post() {
        let pmids = (1...201).map(String.init)
        #expect(!EFetchRequest(pmids: Array(pmids.prefix(200)), endpoint: endpoint).isPost)
        let request = EFetchRequest(pmids: pmids, endpoint: endpoint)
        #expect(request.isPost)
        #expect(request.httpRequest.method == .POST)
        #expect(request.httpRequest.url == "http://127.0.0.1:9/eutils/efetch.fcgi")
        #expect(request.httpRequest.headers.first(name: "Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.parameters.hasPrefix("db=pubmed&retmode=xml&id=1%2C2%2C3%2C"))
    }
}
