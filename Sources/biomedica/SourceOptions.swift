import ArgumentParser
import Foundation
import Pipeline

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

    /// The source these options name.
    var spec: SourceSpec {
        SourceSpec(
            location: source, endpoint: endpoint, layout: layout, cache: cache.map { URL(fileURLWithPath: $0, isDirectory: true) },
            network: network.settings)
    }
}

extension SourceLayout: ExpressibleByArgument {}
