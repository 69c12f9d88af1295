import Foundation
import Logging
import PMCSource
import Transport

/// Where a run's articles come from, as a person names it: a folder, `s3://BUCKET[/PREFIX]`, an
/// `http(s)` mirror or `pmc`, with the settings to reach it. `withSource` opens it for a run.
public struct SourceSpec: Sendable {
    /// The location: a folder (PMC Cloud or legacy layout), `s3://BUCKET[/PREFIX]`, an `http(s)`
    /// URL of a legacy mirror, or `pmc` for the real bucket.
    public var location: String
    /// The S3-compatible server of an `s3://` location (default: AWS).
    public var endpoint: String?
    /// The layout, when it should not be guessed.
    public var layout: SourceLayout?
    /// A content cache folder read through, and filled on a miss.
    public var cache: URL?
    /// How a network source uses HTTP.
    public var network: HTTPSettings

    /// A source at `location`.
    public init(location: String, endpoint: String? = nil, layout: SourceLayout? = nil, cache: URL? = nil, network: HTTPSettings = .standard) {
        self.location = location
        self.endpoint = endpoint
        self.layout = layout
        self.cache = cache
        self.network = network
    }

    /// True when the location is a local folder rather than a network location.
    public var isLocal: Bool {
        let lowercased = location.lowercased()
        return location != "pmc" && !["s3://", "http://", "https://"].contains(where: lowercased.hasPrefix)
    }

    /// Names the source in the cache's recorded listings: every spelling of one folder gives the same key.
    var key: String {
        let place = isLocal ? URL(fileURLWithPath: location).standardizedFileURL.path : location
        return [place, endpoint ?? "", layout?.rawValue ?? ""].joined(separator: "\n")
    }

    /// The articles read at once by work that reads them from the source: the cores for a local
    /// folder, the connections for a network source, whose work waits on requests.
    func readingJobs(in context: RunContext) -> Int {
        context.jobs(default: isLocal ? context.jobsForCores : network.connections)
    }

    /// Runs `body` with the source, checked once to be readable and put behind the cache when
    /// one is given. A source out of reach whose listing a fetch recorded in the cache is read
    /// from the cache alone. The source's connections are closed afterwards, whatever happens,
    /// and a failure of the source as a whole comes out as a `SourceFailure`.
    public func withSource<T>(logger: Logger, _ body: (any ArticleSource) async throws -> T) async throws -> T {
        try await withTransport { transport in
            let cache = try openCache()
            let resolved: any ArticleSource
            do throws(SourceError) {
                resolved = try await resolve(transport: transport)
            } catch {
                guard let cache, let cached = try? CachedSource(offline: cache, sourceKey: key) else { throw failure(error) }
                logger.notice("\(error); reading what the cache \(cache.root.path) holds of it")
                return try await reportingFailures { try await body(cached) }
            }
            logger.info("reading \(resolved.description)")
            guard let cache else { return try await reportingFailures { try await body(resolved) } }
            let cached = try cachedSource(resolved, in: cache)
            return try await reportingFailures { try await body(cached) }
        }
    }

    /// Runs `body` with the source behind the cache, which must be given: what a fetch fills. The
    /// source must be reachable, since the cache alone has nothing new to give. `body` also gets
    /// the transport of a network source, to report on its requests.
    public func withCachedSource<T>(logger: Logger, _ body: (CachedSource, HTTPTransport?) async throws -> T) async throws -> T {
        try await withTransport { transport in
            guard let cache = try openCache() else { throw UsageError("fetching needs a cache folder (--cache DIR)") }
            let resolved: any ArticleSource
            do throws(SourceError) {
                resolved = try await resolve(transport: transport)
            } catch {
                throw failure(error)
            }
            logger.info("fetching from \(resolved.description) into \(cache.root.path)")
            let cached = try cachedSource(resolved, in: cache)
            return try await reportingFailures { try await body(cached, transport) }
        }
    }

    /// Runs `body` with the HTTP transport the network settings describe, and closes its
    /// connections afterwards, whether `body` succeeded or not. A local folder needs none: nil.
    private func withTransport<T>(_ body: (HTTPTransport?) async throws -> T) async throws -> T {
        guard !isLocal else { return try await body(nil) }
        let transport = HTTPTransport(settings: network)
        do {
            let result = try await body(transport)
            try? await transport.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }

    /// The source the location names, contacted once through `transport` when it is a network source.
    private func resolve(transport: HTTPTransport?) async throws(SourceError) -> any ArticleSource {
        try await SourceResolver.resolve(location, endpoint: endpoint, layout: layout, transport: transport ?? .shared)
    }

    /// The content cache, created when absent; nil without one.
    /// - Throws: `CacheWriteError` when its folders cannot be made.
    private func openCache() throws -> ContentCache? {
        guard let cache else { return nil }
        do {
            return try ContentCache(root: cache)
        } catch {
            throw CacheWriteError(path: cache.path, reason: error.description)
        }
    }

    /// `source` read through `cache`.
    /// - Throws: `UsageError` for a source whose articles cannot be kept in a cache.
    private func cachedSource(_ source: any ArticleSource, in cache: ContentCache) throws -> CachedSource {
        do {
            return try CachedSource(wrapping: source, cache: cache)
        } catch {
            throw UsageError("--cache: \(error)")
        }
    }

    /// Runs `body`, turning a failure of the source as a whole into a `SourceFailure`.
    private func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SourceError {
            throw failure(error)
        }
    }

    private func failure(_ error: SourceError) -> SourceFailure {
        SourceFailure(error: error, isLocal: isLocal)
    }
}
