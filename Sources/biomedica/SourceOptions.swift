import ArgumentParser
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

    /// True when `--source` names a local folder rather than a network location.
    private var isLocal: Bool {
        let lowercased = source.lowercased()
        return source != "pmc" && !["s3://", "http://", "https://"].contains(where: lowercased.hasPrefix)
    }

    /// Resolves the source, checking once that it can be read.
    func open(logger: Logger) async throws -> any ArticleSource {
        do {
            let resolved = try await SourceResolver.resolve(source, endpoint: endpoint, layout: layout)
            logger.info("reading \(resolved.description)")
            return resolved
        } catch {
            throw fail("\(error)", status: isLocal ? ExitStatus.noInput : ExitStatus.unavailable)
        }
    }

    /// The exit status for a failure of the source during a run.
    func exitStatus(for error: any Error) -> ExitCode {
        isLocal ? ExitStatus.noInput : ExitStatus.unavailable
    }
}

extension SourceLayout: ExpressibleByArgument {}
