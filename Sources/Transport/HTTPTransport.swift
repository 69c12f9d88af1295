import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// The HTTP client every network source of one run shares, configured by `HTTPSettings`: one
/// connection pool (keep-alive, at most `connections` per host), `connections` requests in flight
/// at most, and one rate limiter, so that the listing, the metadata reads and the downloads
/// together stay within the limits.
///
/// A transport made with `init(settings:)` must be shut down once its last request has ended;
/// `shared` lives as long as the process and is never shut down.
public final class HTTPTransport: Sendable {
    /// The settings it was made with.
    public let settings: HTTPSettings
    /// The client requests go through.
    package let client: HTTPClient
    /// Spaces requests per host; nil without a rate limit.
    private let rateLimiter: HostRateLimiter?
    /// Bounds the requests in flight.
    private let slots: RequestSlots
    private let counts = Mutex(HTTPStatistics())

    /// A transport with its own connection pool.
    public init(settings: HTTPSettings) {
        self.settings = settings
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, settings.connections))
        configuration.timeout = .init(
            connect: .nanoseconds(settings.connectTimeout.nanoseconds), read: .nanoseconds(settings.readTimeout.nanoseconds))
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        rateLimiter = settings.requestsPerSecond.map(HostRateLimiter.init(requestsPerSecond:))
        slots = RequestSlots(count: settings.connections)
    }

    /// A transport with the standard settings for the whole process, for callers that make no
    /// transport of their own.
    public static let shared = HTTPTransport(settings: .standard)

    /// The requests sent so far.
    public var statistics: HTTPStatistics {
        counts.withLock { $0 }
    }

    /// Runs one try, `send`, once it holds a request slot and its turn under the rate limit for
    /// `host`, and gives the slot back when it ends, whatever its outcome.
    package func withTurn<T: Sendable>(host: String, _ send: () async -> T) async -> T {
        await slots.acquire()
        await rateLimiter?.waitForTurn(host: host)
        let outcome = await send()
        await slots.release()
        return outcome
    }

    /// Counts one try: a retry when it is not the first, a resumed download when it asks for a range.
    package func recordTry(isRetry: Bool, isResumed: Bool) {
        counts.withLock { counts in
            counts.requests += 1
            if isRetry { counts.retries += 1 }
            if isResumed { counts.resumedDownloads += 1 }
        }
    }

    /// Closes the connections. Call it once, after the last request.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}
