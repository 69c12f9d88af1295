import AsyncHTTPClient
import Foundation
import NIOCore

/// Anonymous HTTP GETs with size limits and a few retries with exponential backoff on server
/// overload (5xx, 429) and connection failures. Sturdier resilience (budgets, circuit breaking)
/// belongs to the fetch stage.
///
/// The `HTTPClient` is the caller's: this type never shuts it down.
struct HTTPFetcher: Sendable {
    /// The client requests go through.
    let client: HTTPClient
    /// Tries per request, the first included.
    var maxAttempts = 4
    /// The wait before the second try; it doubles for each further try.
    var firstBackoff: Duration = .milliseconds(200)
    /// The most a small request (listing, metadata, XML) may take, body included.
    var requestTimeout: Duration = .seconds(60)
    /// The most a file download may take.
    var downloadTimeout: Duration = .seconds(1800)

    /// A copy that gives up within seconds: AsyncHTTPClient keeps retrying a refused connection
    /// until the request's deadline, so a probe of a dead endpoint must have a short one.
    var probing: HTTPFetcher {
        var copy = self
        copy.maxAttempts = 2
        copy.requestTimeout = .seconds(3)
        return copy
    }

    /// The body of `url`, at most `limit` bytes; `file` names it in errors. 404 is `missingFile`.
    func get(_ url: String, file: String, limit: Int) async throws(SourceError) -> [UInt8] {
        try await perform(HTTPClientRequest(url: url), file: file, timeout: requestTimeout) { response in
            try await Self.collect(response, file: file, limit: limit)
        }
    }

    /// Streams the body of `url` into a new file at `path`, at most `limit` bytes.
    func download(_ url: String, file: String, to path: String, limit: Int) async throws(SourceError) {
        try await perform(HTTPClientRequest(url: url), file: file, timeout: downloadTimeout) { response in
            guard FileManager.default.createFile(atPath: path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: path)
            else { throw SourceError.transfer(file: file, reason: "cannot create the temporary file \(path)") }
            defer { try? handle.close() }
            var total = 0
            for try await chunk in response.body {
                total += chunk.readableBytes
                guard total <= limit else { throw SourceError.tooLarge(file: file, bytes: total, limit: limit) }
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
        }
    }

    /// True when `url` answers with success, false on 404. Asks for the first byte only, with a
    /// GET: some servers (and moto) refuse HEAD where they serve GET.
    func exists(_ url: String, file: String) async throws(SourceError) -> Bool {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Range", value: "bytes=0-0")
        do {
            try await perform(request, file: file, timeout: requestTimeout) { _ in }
            return true
        } catch .missingFile {
            return false
        }
    }

    /// Sends `request` until it succeeds, fails for good, or runs out of tries, and hands a 2xx
    /// response to `consume`. A `SourceError` from `consume` is final; any other error is a
    /// broken transfer and is retried.
    private func perform<T>(
        _ request: HTTPClientRequest, file: String, timeout: Duration,
        consume: (HTTPClientResponse) async throws -> T
    ) async throws(SourceError) -> T {
        var lastFailure = "no attempt made"
        for attempt in 0..<maxAttempts {
            if attempt > 0 {
                try? await Task.sleep(for: firstBackoff * (1 << (attempt - 1)))
            }
            guard !Task.isCancelled else { throw .transfer(file: file, reason: "cancelled") }
            do {
                let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                let code = Int(response.status.code)
                switch code {
                case 200..<300:
                    return try await consume(response)
                case 404:
                    throw SourceError.missingFile(file: file)
                case 429, 500...:
                    lastFailure = "HTTP \(code)"
                default:
                    throw SourceError.transfer(file: file, reason: "HTTP \(code)")
                }
            } catch let error as SourceError {
                throw error
            } catch {
                lastFailure = String(describing: error)
            }
        }
        throw .transfer(file: file, reason: "\(lastFailure) after \(maxAttempts) tries")
    }

    private static func collect(_ response: HTTPClientResponse, file: String, limit: Int) async throws -> [UInt8] {
        if let declared = response.headers.first(name: "content-length").flatMap(Int.init), declared > limit {
            throw SourceError.tooLarge(file: file, bytes: declared, limit: limit)
        }
        var bytes: [UInt8] = []
        for try await chunk in response.body {
            bytes += chunk.readableBytesView
            guard bytes.count <= limit else { throw SourceError.tooLarge(file: file, bytes: bytes.count, limit: limit) }
        }
        return bytes
    }
}

extension Duration {
    /// The whole duration in nanoseconds, for NIO's `TimeAmount`.
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
