import Foundation

/// How network sources use HTTP: how many connections they open, how fast they ask, and how long
/// they wait. The same settings serve the PMC bucket, another S3 endpoint and a legacy mirror.
public struct HTTPSettings: Sendable, Hashable {
    /// Requests in flight at most, all hosts together, and connections kept open to one host;
    /// requests beyond them wait for a free slot.
    public var connections: Int
    /// Requests per second sent to one host at most, retries included; nil for no limit.
    public var requestsPerSecond: Double?
    /// Tries per request, the first included, before the request is reported as failed.
    public var tries: Int
    /// The most a connection may take to open.
    public var connectTimeout: Duration
    /// The longest a connection may stay silent while an answer is awaited or read.
    public var readTimeout: Duration
    /// The most one try of a request may take, body included. A download cut by it resumes where it stopped.
    public var requestTimeout: Duration

    /// Settings sized for this machine: 8 connections a core, from 16 to 64, no rate limit,
    /// 5 tries, and timeouts a slow but live server never reaches.
    public static var standard: HTTPSettings {
        HTTPSettings(
            connections: min(64, max(16, 8 * ProcessInfo.processInfo.activeProcessorCount)), requestsPerSecond: nil, tries: 5,
            connectTimeout: .seconds(10), readTimeout: .seconds(30), requestTimeout: .seconds(600))
    }

    /// Creates settings.
    public init(
        connections: Int, requestsPerSecond: Double?, tries: Int,
        connectTimeout: Duration, readTimeout: Duration, requestTimeout: Duration
    ) {
        self.connections = connections
        self.requestsPerSecond = requestsPerSecond
        self.tries = tries
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.requestTimeout = requestTimeout
    }
}
