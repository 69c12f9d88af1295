@testable import PMCSource
import Testing

@Suite("Response body checks: size, declared length, HTML pages")
struct ResponseBodyCheckTests {
    @Test("a body short of its Content-Length is a broken transfer, unless a content coding makes the header count other bytes")
    func shortBody() throws {
        var plain = try ResponseBodyCheck(file: "f", limit: 100, contentType: "application/xml", contentLength: "10", contentEncoding: nil)
        try plain.receive([1, 2, 3])
        #expect(throws: ResponseBodyCheck.CutShort.self) { try plain.finish() }
        try plain.receive([UInt8](repeating: 4, count: 7))
        try plain.finish()

        var inflated = try ResponseBodyCheck(file: "f", limit: 100, contentType: nil, contentLength: "10", contentEncoding: "gzip")
        try inflated.receive([1, 2, 3])
        try inflated.finish()
    }

    @Test("a body over the limit is too large, whether declared or received")
    func tooLarge() throws {
        #expect(throws: SourceError.tooLarge(file: "f", bytes: 11, limit: 10)) {
            try ResponseBodyCheck(file: "f", limit: 10, contentType: nil, contentLength: "11", contentEncoding: nil)
        }
        var check = try ResponseBodyCheck(file: "f", limit: 10, contentType: nil, contentLength: nil, contentEncoding: nil)
        try check.receive([UInt8](repeating: 0, count: 8))
        #expect(throws: SourceError.tooLarge(file: "f", bytes: 16, limit: 10)) { try check.receive([UInt8](repeating: 0, count: 8)) }
    }

    @Test("the rest of a resumed download counts the bytes held against the limit, and is not read as a page")
    func resumedBody() throws {
        #expect(throws: SourceError.tooLarge(file: "f", bytes: 110, limit: 100)) {
            try ResponseBodyCheck(file: "f", limit: 100, contentType: nil, contentLength: "40", contentEncoding: nil, offset: 70)
        }
        var rest = try ResponseBodyCheck(file: "f", limit: 100, contentType: nil, contentLength: "20", contentEncoding: nil, offset: 70)
        // Mid-file bytes that happen to look like a page's start are the file's own.
        try rest.receive(Array("<html>0123456789abc".utf8))
        #expect(throws: ResponseBodyCheck.CutShort.self) { try rest.finish() }
        try rest.receive([0])
        try rest.finish()
        #expect(throws: SourceError.tooLarge(file: "f", bytes: 101, limit: 100)) { try rest.receive([UInt8](repeating: 0, count: 11)) }
    }

    @Test("a JSON error document is refused where the file is not JSON, by its type or its first bytes")
    func jsonError() throws {
        #expect(throws: SourceError.self) {
            try ResponseBodyCheck(
                file: "f.jpg", limit: 1000, contentType: "application/json", contentLength: nil, contentEncoding: nil, acceptsJSON: false)
        }
        var error = try ResponseBodyCheck(file: "f.jpg", limit: 1000, contentType: nil, contentLength: nil, contentEncoding: nil, acceptsJSON: false)
        try error.receive(Array(" {\n  \"message\": \"Access Denied\"}".utf8))
        let refusal = #expect(throws: SourceError.self) { try error.finish() }
        #expect(refusal?.description.contains("a JSON document (a JSON object as the body)") == true)

        var metadata = try ResponseBodyCheck(file: "f.json", limit: 1000, contentType: "application/json", contentLength: nil, contentEncoding: nil)
        try metadata.receive(Array("{\"pmcid\": \"PMC1\"}".utf8))
        try metadata.finish()

        // Which downloads may be JSON, by their names: images, XML and archives never are.
        #expect(!HTTPFetcher.mayBeJSON("https://b.s3.amazonaws.com/PMC1.1/fig1.JPG"))
        #expect(!HTTPFetcher.mayBeJSON("http://127.0.0.1:9/mirror/PMC1.1/PMC1.1.xml?x=1"))
        #expect(HTTPFetcher.mayBeJSON("http://127.0.0.1:9/mirror/metadata/PMC1.1.json"))
        #expect(HTTPFetcher.mayBeJSON("http://127.0.0.1:9/mirror/PMC1.1/analysis.ipynb"))
    }

    @Test("an HTML page is refused by its content type or its first tag; XML is not", arguments: [
        (nil, "\n\t <!doctype html><html></html>", true),
        ("application/octet-stream", "<HTML><body>denied</body></HTML>", true),
        ("Text/HTML; charset=utf-8", "anything", true),
        ("application/xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE article>", false),
        (nil, "<html-like>not a page</html-like>", false),
    ] as [(String?, String, Bool)])
    func html(contentType: String?, body: String, isRefused: Bool) {
        var refusal: SourceError?
        do {
            var check = try ResponseBodyCheck(file: "f", limit: 1000, contentType: contentType, contentLength: nil, contentEncoding: nil)
            try check.receive(Array(body.utf8))
            try check.finish()
        } catch let error as SourceError {
            refusal = error
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect((refusal != nil) == isRefused, "\(body)")
        #expect(refusal?.description.contains("the server sent an HTML page") ?? true)
    }
}
