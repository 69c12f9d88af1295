import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import PMCSource
import Testing

/// Which answers a resumed download takes as the rest of the file it began, on answers made here:
/// the fault server cannot send the odd ones (no validator, a part that stops short).
@Suite struct PartialDownloadTests {
    private func download() throws -> (PartialDownload, URL) {
        let folder = try makeTemporaryFolder()
        return (try PartialDownload(path: folder.appendingPathComponent("file").path, file: "f"), folder)
    }

    private func answer(_ status: HTTPResponseStatus, _ headers: [(String, String)]) -> HTTPClientResponse {
        HTTPClientResponse(status: status, headers: HTTPHeaders(headers), body: .init(), history: [])
    }

    @Test("without an ETag or a Last-Modified to name the version begun, the next try asks for the whole file")
    func noValidator() async throws {
        let (partial, folder) = try download()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await partial.begin(answer(.ok, [("Content-Length", "10")])) == 0)
        try await partial.write(ByteBuffer(bytes: [1, 2, 3]))
        #expect(await partial.request(for: "http://127.0.0.1/f").headers.first(name: "Range") == nil)
    }

    @Test("with a validator, the next try asks for the rest, sending it back as If-Range")
    func validator() async throws {
        let (partial, folder) = try download()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await partial.begin(answer(.ok, [("Content-Length", "10"), ("Last-Modified", "Mon, 23 Nov 2026 10:00:00 GMT")]))
        try await partial.write(ByteBuffer(bytes: [1, 2, 3]))
        let request = await partial.request(for: "http://127.0.0.1/f")
        #expect(request.headers.first(name: "Range") == "bytes=3-")
        #expect(request.headers.first(name: "If-Range") == "Mon, 23 Nov 2026 10:00:00 GMT")
        #expect(try await partial.begin(answer(.partialContent, [("Content-Range", "bytes 3-9/10")])) == 3)
    }

    @Test("a part that stops before the end, starts elsewhere or belongs to a file of another length restarts the file", arguments: [
        "bytes 3-5/10", "bytes 2-9/10", "bytes 3-10/11", "bytes */10",
    ])
    func wrongPart(contentRange: String) async throws {
        let (partial, folder) = try download()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try await partial.begin(answer(.ok, [("Content-Length", "10"), ("ETag", "\"v1\"")]))
        try await partial.write(ByteBuffer(bytes: [1, 2, 3]))
        await #expect(throws: (any Error).self) {
            try await partial.begin(answer(.partialContent, [("Content-Range", contentRange)]))
        }
        #expect(await partial.received == 0)
        #expect(await partial.request(for: "http://127.0.0.1/f").headers.first(name: "Range") == nil)
    }

    @Test("Content-Range headers are read as first, last and total bytes")
    func contentRange() {
        #expect(ContentRange("bytes 0-9/10") == ContentRange("bytes 0-9/10"))
        #expect(ContentRange("bytes 3-9/10")?.isRest == true)
        #expect(ContentRange("bytes 3-5/10")?.isRest == false)
        #expect(ContentRange("bytes */10") == nil)
        #expect(ContentRange("bytes 3-9/*") == nil)
        #expect(ContentRange("bytes 9-3/10") == nil)
        #expect(ContentRange(nil) == nil)
    }
}
