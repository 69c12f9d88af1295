import Crypto
import Foundation
import PMCModel
@testable import PMCSource
import TestSupport
import Testing
import Transport

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

        let failing = server.url(faults: "500,503,500,503")
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

    @Test("a download cut short asks only for the rest, and starts again when the server cannot give it")
    func resumesWithRange() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        let half = FaultServer.payload.count / 2
        let dropped = server.url(faults: "drop,ok")
        let path = server.folder.appendingPathComponent("resumed.bin").path
        let file = try await quickFetcher().download(dropped, file: dropped, to: path, limit: 1 << 20)
        #expect(FileManager.default.contents(atPath: path) == Data(FaultServer.payload))
        #expect(file == DownloadedFile(bytes: FaultServer.payload.count, md5: Insecure.MD5.hash(data: FaultServer.payload).lowercaseHex))
        // The second try asks for the bytes after those the first delivered: some of the half the
        // server sent, since the client may lose its last unread chunk when the connection drops.
        let asked = try await server.ranges(askedOf: dropped)
        let resumedAt = asked.count == 2 && asked[0].isEmpty ? Int(asked[1].dropFirst("bytes=".count).dropLast()) : nil
        #expect(resumedAt.map { $0 > 0 && $0 <= half } == true, "\(asked)")

        // `short` sends the whole file under a longer Content-Length: the rest asked for is past
        // the end (416), so the next try fetches the file again from its first byte.
        let overpromised = server.url(faults: "short,ok")
        let again = server.folder.appendingPathComponent("again.bin").path
        try await quickFetcher().download(overpromised, file: overpromised, to: again, limit: 1 << 20)
        #expect(FileManager.default.contents(atPath: again) == Data(FaultServer.payload))
        #expect(try await server.ranges(askedOf: overpromised) == ["", "bytes=\(FaultServer.payload.count)-", ""])
    }

    @Test("a download that gains bytes on every try is not cut by the tries: each resumes where the last stopped")
    func progressDoesNotUseUpTries() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        let url = server.url(faults: Array(repeating: "droprest", count: 6).joined(separator: ","))
        let path = server.folder.appendingPathComponent("progress.bin").path
        try await quickFetcher().download(url, file: url, to: path, limit: 1 << 20)
        #expect(FileManager.default.contents(atPath: path) == Data(FaultServer.payload))
        let starts = try await server.ranges(askedOf: url).map { Int($0.dropFirst("bytes=".count).dropLast()) ?? 0 }
        #expect(starts.count == 7, "\(starts)")
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }, "\(starts)")
    }

    @Test("a connection silent for longer than the read timeout is abandoned and the request retried")
    func readTimeout() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        var settings = HTTPSettings.standard
        settings.readTimeout = .seconds(1)
        let transport = HTTPTransport(settings: settings)
        var fetcher = HTTPFetcher(transport: transport)
        fetcher.waits.firstBackoff = .milliseconds(10)
        let url = server.url(faults: "stall,ok")
        let clock = ContinuousClock()
        let start = clock.now
        let bytes = try await fetcher.get(url, file: url, limit: 1 << 20)
        let elapsed = clock.now - start
        try await transport.shutdown()
        #expect(bytes == FaultServer.payload)
        // The server stalls for 30 s: only the read timeout ends the first try this early.
        #expect(elapsed < .seconds(20))
        #expect(try await server.requests(to: url) == 2)
    }

    @Test("requests to one host are spaced by the rate limit, retries included")
    func rateLimit() async throws {
        let server = try await FaultServer()
        defer { server.stop() }
        var settings = HTTPSettings.standard
        settings.requestsPerSecond = 20
        let transport = HTTPTransport(settings: settings)
        var quick = HTTPFetcher(transport: transport)
        quick.waits.firstBackoff = .milliseconds(1)
        let fetcher = quick
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for index in 0..<8 {
                let url = server.url(faults: index == 0 ? "503,ok" : "ok")
                group.addTask { try await fetcher.get(url, file: url, limit: 1 << 20) }
            }
            for try await bytes in group {
                #expect(bytes == FaultServer.payload)
            }
        }
        let elapsed = clock.now - start
        try await transport.shutdown()
        // Nine requests (one retried) at 20 a second: the last cannot leave before 8 × 50 ms.
        #expect(elapsed >= .milliseconds(400))
    }

    /// A fetcher that retries quickly, so the suite stays fast: four tries, waits from 10 ms. The
    /// timeouts stay long: the whole test suite loads a small machine enough to slow a try by seconds.
    private func quickFetcher() -> HTTPFetcher {
        var fetcher = HTTPFetcher(transport: .shared)
        fetcher.waits.firstBackoff = .milliseconds(10)
        fetcher.maxAttempts = 4
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
        try await requestLog(of: url).count
    }

    /// The `Range` header of each request `url` received, in order ("" for none).
    func ranges(askedOf url: String) async throws -> [String] {
        try await requestLog(of: url).ranges
    }

    /// True when a download to `path` left a file there.
    func leftAnything(at path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    private func requestLog(of url: String) async throws -> RequestLog {
        let path = url.dropFirst(server.endpoint.count)
        let json = try await HTTPFetcher(transport: .shared).get(server.endpoint + "/_requests" + path, file: "request log", limit: 1 << 16)
        return try JSONDecoder().decode(RequestLog.self, from: Data(json))
    }

    private struct RequestLog: Decodable {
        var count: Int
        var ranges: [String]
    }
}
