import ArgumentParser
import Foundation
import Logging
import PMCSource

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

    /// True when `--source` names a local folder rather than a network location.
    private var isLocal: Bool {
        let lowercased = source.lowercased()
        return source != "pmc" && !["s3://", "http://", "https://"].contains(where: lowercased.hasPrefix)
    }

    /// Names the source in the cache's recorded listings: every spelling of one folder gives the same key.
    var sourceKey: String {
        let location = isLocal ? URL(fileURLWithPath: source).standardizedFileURL.path : source
        return [location, endpoint ?? "", layout?.rawValue ?? ""].joined(separator: "\n")
    }

    /// Resolves the source, checking once that it can be read, and puts it behind the `--cache`
    /// when one is given. With `offline` allowed, a source out of reach whose listing a fetch
    /// recorded in the cache is read from the cache alone.
    func open(logger: Logger, offline: Bool = true) async throws -> any ArticleSource {
        let cache = try openCache()
        let resolved: any ArticleSource
        do {
            resolved = try await SourceResolver.resolve(source, endpoint: endpoint, layout: layout)
        } catch {
            if offline, let cache, let cached = try? CachedSource(offline: cache, sourceKey: sourceKey) {
                logger.notice("\(error); reading what the cache \(cache.root.path) holds of it")
                return cached
            }
            throw fail("\(error)", status: exitStatus(for: error))
        }
        logger.info("reading \(resolved.description)")
        guard let cache else { return resolved }
        do {
            return try CachedSource(wrapping: resolved, cache: cache)
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
