import Foundation
@testable import PMCSource
import Testing

/// The fetcher against `Tests/Fixtures/fault_server.py` on loopback, which answers chosen requests
/// with the faults of real servers: each fault is recovered within the retry budget, refused, or
/// reported with the URL and the last cause, and a failed download leaves no file.
@Suite(
    "HTTP faults: retried within the budget, refused, or reported with the URL and the last cause",
    .enabled(if: FaultServer.isAvailable || MotoServer.isRequired, FaultServer.absenceNote))
struct HTTPFaultTests {
    @Test("a run of faults shorter than the budget is retried until the file arrives whole", arguments: [
        "500,503,ok", "429noretry,ok", "drop,ok", "short,ok", "drop,short,503",
    ])
    func recovers(faults: String) async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        let url = server.url(faults: faults)
        #expect(try await quickFetcher().get(url, file: url, limit: 1 << 20) == FaultServer.payload)
        let faultCount = faults.split(separator: ",").filter { $0 != "ok" }.count
        #expect(try await server.requests(to: url) == faultCount + 1)
    }

    @Test("429 waits as long as Retry-After asks")
    func honoursRetryAfter() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        let clock = ContinuousClock()
        let url = server.url(faults: "429,ok")
        let start = clock.now
        #expect(try await quickFetcher().get(url, file: url, limit: 1 << 20) == FaultServer.payload)
        #expect(clock.now - start >= .seconds(1))
        #expect(try await server.requests(to: url) == 2)
    }

    @Test("a fault on every try ends in a transfer error naming the URL, the last cause and the tries")
    func givesUp() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        let url = server.url(faults: "500,429noretry,drop,503")
        let error = await #expect(throws: SourceError.self) { try await quickFetcher().get(url, file: url, limit: 1 << 20) }
        #expect(error == .transfer(file: url, reason: "HTTP 503 after 4 tries"))
        #expect(error?.description.contains(url) == true)
        #expect(try await server.requests(to: url) == 4)
    }

    @Test("a stalled answer is abandoned at the timeout and retried, or reported as a timeout")
    func stalls() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        // The server stalls for 30 s, so the timeout is what ends these tries.
        var fetcher = quickFetcher()
        fetcher.requestTimeout = .seconds(2)
        let url = server.url(faults: "stall,ok")
        #expect(try await fetcher.get(url, file: url, limit: 1 << 20) == FaultServer.payload)
        // At least the stalled try and the one that succeeded: with the whole test suite loading
        // a small machine, the second try can itself overrun 2 s.
        #expect(try await server.requests(to: url) >= 2)

        fetcher.maxAttempts = 2
        let stalled = server.url(faults: "stall,stall")
        let error = await #expect(throws: SourceError.self) { try await fetcher.get(stalled, file: stalled, limit: 1 << 20) }
        #expect(error == .transfer(file: stalled, reason: "no complete answer within 2.0 seconds after 2 tries"))
        #expect(try await server.requests(to: stalled) == 2)
    }

    @Test("an HTML page served with 200 is refused at once, by its type or by its content")
    func refusesHTML() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        let byType = server.url(faults: "html")
        let typeError = await #expect(throws: SourceError.self) { try await quickFetcher().get(byType, file: byType, limit: 1 << 20) }
        #expect(typeError?.kind == "transfer")
        #expect(typeError?.description.contains("HTML page (content type text/html") == true)
        #expect(try await server.requests(to: byType) == 1)

        let byContent = server.url("page.xml", faults: "ok")
        let contentError = await #expect(throws: SourceError.self) { try await quickFetcher().get(byContent, file: byContent, limit: 1 << 20) }
        #expect(contentError?.description.contains("HTML page (an HTML document as the body)") == true)

        let path = server.folder.appendingPathComponent("page-download.xml").path
        await #expect(throws: SourceError.self) { try await quickFetcher().download(byContent, file: byContent, to: path, limit: 1 << 20) }
        #expect(!server.leftAnything(at: path))
    }

    @Test("a download survives faults, and one that fails leaves no file behind")
    func downloads() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        let url = server.url(faults: "drop,short,ok")
        let path = server.folder.appendingPathComponent("download.bin").path
        try await quickFetcher().download(url, file: url, to: path, limit: 1 << 20)
        #expect(FileManager.default.contents(atPath: path) == Data(FaultServer.payload))
        #expect(!FileManager.default.fileExists(atPath: path + ".part"))

        let failing = server.url(faults: "drop,drop,short,drop")
        let failedPath = server.folder.appendingPathComponent("failed.bin").path
        let error = await #expect(throws: SourceError.self) {
            try await quickFetcher().download(failing, file: failing, to: failedPath, limit: 1 << 20)
        }
        #expect(error?.description.hasSuffix("after 4 tries") == true)
        #expect(!server.leftAnything(at: failedPath))

        let tooSmall = await #expect(throws: SourceError.self) {
            try await quickFetcher().download(server.url(faults: "ok"), file: "data.bin", to: failedPath, limit: 1000)
        }
        #expect(tooSmall == .tooLarge(file: "data.bin", bytes: FaultServer.payload.count, limit: 1000))
        #expect(!server.leftAnything(at: failedPath))
    }

    @Test("the server's other answers: Range for resumed downloads, and garbage of the right length that only a checksum catches")
    func serverAnswers() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        #expect(try await quickFetcher().exists(server.url(faults: "ok"), file: "data.bin"))
        #expect(try await !quickFetcher().exists(server.url("absent.bin", faults: "ok"), file: "absent.bin"))
        let url = server.url(faults: "garbage")
        let garbage = try await quickFetcher().get(url, file: url, limit: 1 << 20)
        #expect(garbage.count == FaultServer.payload.count && garbage != FaultServer.payload)
    }

    /// A fetcher that retries quickly, so the suite stays fast: four tries, waits from 10 ms. The
    /// timeouts stay long: the whole test suite loads a small machine enough to slow a try by seconds.
    private func quickFetcher() -> HTTPFetcher {
        var fetcher = HTTPFetcher(client: .shared)
        fetcher.firstBackoff = .milliseconds(10)
        return fetcher
    }
}

/// `fault_server.py` serving a temporary folder with the files the tests fetch.
final class FaultServer {
    /// The fault server needs nothing but Python's standard library.
    static let isAvailable = FixtureServer.canImport("http.server")

    /// Why the fault tests are skipped elsewhere.
    static let absenceNote: Comment = "needs python3 (or BIOMEDICA_PYTHON); skipped without it unless CI is set"

    /// `data.bin`: 64 KiB, so that a dropped connection cuts it mid-body.
    static let payload: [UInt8] = (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }

    /// The folder served; removed by `stop()`.
    let folder: URL
    private let server: FixtureServer

    init() async throws {
        folder = try makeTemporaryFolder()
        try Data(Self.payload).write(to: folder.appendingPathComponent("data.bin"))
        // An HTML error page under a data file's name, served as application/octet-stream.
        try Data("\n  <!DOCTYPE HTML>\n<html><body>Access denied</body></html>\n".utf8)
            .write(to: folder.appendingPathComponent("page.xml"))
        do {
            server = try await FixtureServer(script: "fault_server.py", arguments: [folder.path])
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// Stops the server and removes its folder.
    func stop() {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The URL of `file` whose requests are answered with `faults` in turn (comma-separated), then normally.
    func url(_ file: String = "data.bin", faults: String) -> String {
        "\(server.endpoint)/fault/\(faults)/\(file)"
    }

    /// How many requests `url` has received.
    func requests(to url: String) async throws -> Int {
        let path = url.dropFirst(server.endpoint.count)
        let json = try await HTTPFetcher(client: .shared).get(server.endpoint + "/_requests" + path, file: "request count", limit: 4096)
        return try JSONDecoder().decode(RequestCount.self, from: Data(json)).count
    }

    /// True when a download to `path` left a file there or its partial file beside it.
    func leftAnything(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: path + ".part")
    }

    private struct RequestCount: Decodable {
        var count: Int
    }
}
