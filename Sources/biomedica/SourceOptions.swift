import ArgumentParser
import Foundation
import Logging
import PMCSource
import Transport

/// Options that name where articles come from.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Where articles come from: a folder (PMC Cloud or legacy layout), s3://BUCKET[/PREFIX], an http(s) URL of a legacy mirror, or `pmc` for the real bucket.",
        valueName: "SOURCE"))
    var source: String

    @Option(help: ArgumentHelp(
        "The S3-compatible server for an s3:// source, for example http://127.0.0.1:9000 (default: AWS).",
        valueName: "URL"))
    var endpoint: String?

    @Option(help: ArgumentHelp("Force the layout instead of guessing it: cloud or legacy.", valueName: "LAYOUT"))
    var layout: SourceLayout?

    @Option(help: ArgumentHelp(
        "A content cache folder: articles are read from it and fetched into it on a miss. With the source out of reach, what `biomedica fetch` put there is read alone.",
        valueName: "DIR"))
    var cache: String?

    @OptionGroup(title: "Network options (for s3://, pmc and http(s) sources)")
    var network: NetworkOptions

    /// True when `--source` names a local folder rather than a network location.
    var isLocal: Bool {
        let lowercased = source.lowercased()
        return source != "pmc" && !["s3://", "http://", "https://"].contains(where: lowercased.hasPrefix)
    }

    /// Names the source in the cache's recorded listings: every spelling of one folder gives the same key.
    var sourceKey: String {
        let location = isLocal ? URL(fileURLWithPath: source).standardizedFileURL.path : source
        return [location, endpoint ?? "", layout?.rawValue ?? ""].joined(separator: "\n")
    }

    /// Runs `body` with the source, checked once to be readable and put behind the `--cache` when
    /// one is given. A source out of reach whose listing a fetch recorded in the cache is read from
    /// the cache alone.
    func withSource<T>(logger: Logger, _ body: (any ArticleSource) async throws -> T) async throws -> T {
        try await withTransport { transport in
            let cache = try openCache()
            let resolved: any ArticleSource
            do {
                resolved = try await resolve(transport: transport)
            } catch {
                guard let cache, let cached = try? CachedSource(offline: cache, sourceKey: sourceKey) else {
                    throw fail("\(error)", status: exitStatus(for: error))
                }
                logger.notice("\(error); reading what the cache \(cache.root.path) holds of it")
                return try await body(cached)
            }
            logger.info("reading \(resolved.description)")
            guard let cache else { return try await body(resolved) }
            return try await body(cached(resolved, in: cache))
        }
    }

    /// Runs `body` with the source behind the `--cache`, which must be given: what a fetch fills.
    /// The source must be reachable, since the cache alone has nothing new to give. `body` also
    /// gets the transport of a network source, to report on its requests.
    func withCachedSource<T>(logger: Logger, _ body: (CachedSource, HTTPTransport?) async throws -> T) async throws -> T {
        try await withTransport { transport in
            guard let cache = try openCache() else { throw ValidationError("--cache DIR is needed") }
            let resolved: any ArticleSource
            do {
                resolved = try await resolve(transport: transport)
            } catch {
                throw fail("\(error)", status: exitStatus(for: error))
            }
            logger.info("fetching from \(resolved.description) into \(cache.root.path)")
            return try await body(cached(resolved, in: cache), transport)
        }
    }

    /// Runs `body` with the HTTP transport the network options describe, and closes its connections
    /// afterwards, whether `body` succeeded or not. A local folder needs none: nil.
    private func withTransport<T>(_ body: (HTTPTransport?) async throws -> T) async throws -> T {
        guard !isLocal else { return try await body(nil) }
        let transport = HTTPTransport(settings: network.settings)
        do {
            let result = try await body(transport)
            try? await transport.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            throw error
        }
    }

    /// The source `--source` names, contacted once through `transport` when it is a network source.
    private func resolve(transport: HTTPTransport?) async throws(SourceError) -> any ArticleSource {
        try await SourceResolver.resolve(source, endpoint: endpoint, layout: layout, transport: transport ?? .shared)
    }

    /// `source` read through `cache`.
    private func cached(_ source: any ArticleSource, in cache: ContentCache) throws -> CachedSource {
        do {
            return try CachedSource(wrapping: source, cache: cache)
        } catch {
            throw fail("\(error)", status: ExitStatus.dataError)
        }
    }

    /// The content cache `--cache` names, created when absent; nil without the option.
    private func openCache() throws -> ContentCache? {
        guard let cache else { return nil }
        do {
            return try ContentCache(root: URL(fileURLWithPath: cache, isDirectory: true))
        } catch {
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        }
    }

    /// The exit status for a failure of the source during a run.
    func exitStatus(for error: any Error) -> ExitCode {
        isLocal ? ExitStatus.noInput : ExitStatus.unavailable
    }
}

extension SourceLayout: ExpressibleByArgument {}
