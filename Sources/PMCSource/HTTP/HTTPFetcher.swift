import AsyncHTTPClient
import Foundation
import NIOCore
import Transport

/// Anonymous HTTP GETs with size limits, retried on the faults a busy server or a flaky network
/// produces, and checked so that a broken or wrong body is never taken for the file.
///
/// A try is retried on 429 and 5xx (waiting as `Retry-After` asks, when it does), on a timeout, on
/// a dropped connection and on a body shorter than its `Content-Length`; otherwise after a random
/// wait whose cap doubles with each try. A download cut short resumes with `Range` where the
/// server allows it. A 200 answer that is an HTML page (a proxy's or portal's error page), or a JSON
/// error document where a download is not JSON, is refused at once. Every try waits for its turn
/// under the transport's rate limit.
struct HTTPFetcher: Sendable {
    /// The client, connection pool and rate limiter requests go through.
    let transport: HTTPTransport
    /// Tries per request, the first included.
    var maxAttempts: Int
    /// The waits between tries.
    var waits = RetryWaits()
    /// The most one try may take, body included.
    var requestTimeout: Duration

    /// A fetcher with the transport's tries and timeout.
    init(transport: HTTPTransport) {
        self.transport = transport
        maxAttempts = max(1, transport.settings.tries)
        requestTimeout = transport.settings.requestTimeout
    }

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
        try await perform(url, file: file, request: { HTTPClientRequest(url: url) }) { response in
            var check = try ResponseBodyCheck(response, file: file, limit: limit, acceptsJSON: Self.mayBeJSON(url))
            var bytes: [UInt8] = []
            for try await chunk in response.body {
                try check.receive(chunk.readableBytesView)
                bytes += chunk.readableBytesView
            }
            try check.finish()
            return bytes
        }
    }

    /// Streams the body of `url` into a new file at `path`, at most `limit` bytes, and returns its
    /// size and MD5. A try cut short is resumed from where it stopped. On failure the file is
    /// deleted; on success it is complete, but the caller (the content cache) decides whether it
    /// is the right file, so `path` should be a temporary name.
    @discardableResult
    func download(_ url: String, file: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        let partial = try PartialDownload(path: path, file: file)
        do {
            try await perform(url, file: file, request: { await partial.request(for: url) }, progress: { await partial.received }) { response in
                let offset = try await partial.begin(response)
                var check = try ResponseBodyCheck(
                    response, file: file, limit: limit, offset: offset, acceptsJSON: Self.mayBeJSON(url))
                for try await chunk in response.body {
                    try check.receive(chunk.readableBytesView)
                    try await partial.write(chunk)
                }
                try check.finish()
            }
            return await partial.finish()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// True when `url` answers with success, false on 404. Asks for the first byte only, with a
    /// GET: some servers (and moto) refuse HEAD where they serve GET.
    func exists(_ url: String, file: String) async throws(SourceError) -> Bool {
        var firstByte = HTTPClientRequest(url: url)
        firstByte.headers.add(name: "Range", value: "bytes=0-0")
        let request = firstByte
        do {
            try await perform(url, file: file, request: { request }) { _ in }
            return true
        } catch .missingFile {
            return false
        }
    }

    /// Sends the request `request` makes for each try until one succeeds, fails for good, or the
    /// tries run out, and hands a 2xx response to `consume` (a 416 too when the request asked for
    /// a range, to say that the range is gone); each try, body included, must end within
    /// `requestTimeout`. A `SourceError` from `consume` is final; any other error is a broken
    /// transfer and is retried.
    ///
    /// `progress` tells how many bytes of a download are held: a failed try that added to them does
    /// not use up a try, so a large file on a connection that keeps dropping still arrives, up to
    /// `Self.triesWithProgress` times the tries.
    private func perform<T: Sendable>(
        _ url: String, file: String, request: @escaping @Sendable () async -> HTTPClientRequest,
        progress: (@Sendable () async -> Int)? = nil,
        consume: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws(SourceError) -> T {
        let host = URL(string: url)?.host ?? url
        var lastFailure = "no attempt made"
        var wait = Duration.zero
        var failedTries = 0
        var sent = 0
        while failedTries < maxAttempts && sent < maxAttempts * Self.triesWithProgress {
            if sent > 0 {
                try? await Task.sleep(for: wait)
            }
            let held = await progress?() ?? 0
            let attempt = sent
            sent += 1
            guard !Task.isCancelled else { throw .transfer(file: file, reason: "cancelled") }
            let outcome: Result<T, any Error> = await transport.withTurn(host: host) {
                do {
                    return .success(try await withTimeLimit(requestTimeout) { [transport] in
                        let request = await request()
                        // A range from past the first byte is the rest of a download cut short.
                        let range = request.headers.first(name: "Range")
                        transport.recordTry(isRetry: attempt > 0, isResumed: range.map { !$0.hasPrefix("bytes=0-") } ?? false)
                        // No deadline of the client's own: it would cover the response head only.
                        let response = try await transport.client.execute(request, deadline: .distantFuture)
                        let code = Int(response.status.code)
                        switch code {
                        case 200..<300:
                            return try await consume(response)
                        case 416 where request.headers.contains(name: "Range"):
                            return try await consume(response)
                        case 404:
                            throw SourceError.missingFile(file: file)
                        case 429, 500...:
                            throw RefusedTry(code: code, retryAfter: waits.retryAfter(response.headers.first(name: "retry-after")))
                        default:
                            throw SourceError.transfer(file: file, reason: "HTTP \(code)")
                        }
                    })
                } catch {
                    return .failure(error)
                }
            }
            switch outcome {
            case .success(let value):
                return value
            case .failure(let error as SourceError):
                throw error
            case .failure(let error):
                lastFailure = String(describing: error)
                if await progress?() ?? 0 <= held { failedTries += 1 }
                wait = (error as? RefusedTry)?.retryAfter ?? waits.backoff(beforeTry: failedTries)
            }
        }
        throw .transfer(file: file, reason: "\(lastFailure) after \(sent) tries")
    }

    /// False for a file whose name says it is an image, XML or an archive, which a JSON document
    /// (an API's error object) can never be; true for anything else, JSON data and notebooks included.
    static func mayBeJSON(_ url: String) -> Bool {
        let name = URL(string: url)?.pathExtension.lowercased() ?? ""
        return !["jpg", "jpeg", "png", "gif", "tif", "tiff", "bmp", "webp", "xml", "nxml", "gz", "tgz", "tar", "zip", "pdf"].contains(name)
    }

    /// How many times `maxAttempts` a download that keeps making progress may be tried.
    static let triesWithProgress = 10

    /// A status worth retrying (429, 5xx), with the wait the server asked for.
    private struct RefusedTry: Error, CustomStringConvertible {
        var code: Int
        var retryAfter: Duration?
        var description: String { "HTTP \(code)" }
    }
}

extension ResponseBodyCheck {
    /// The checks for the body of `response`, which continues a file of `offset` bytes.
    init(_ response: HTTPClientResponse, file: String, limit: Int, offset: Int = 0, acceptsJSON: Bool = true) throws(SourceError) {
        try self.init(
            file: file, limit: limit,
            contentType: response.headers.first(name: "content-type"),
            contentLength: response.headers.first(name: "content-length"),
            contentEncoding: response.headers.first(name: "content-encoding"),
            offset: offset, acceptsJSON: acceptsJSON)
    }
}
