import ArgumentParser
import Pipeline

/// `biomedica fetch`: put every selected article's files into a content cache, so that later
/// stages given the same `--cache` read them from disk, and run with the source out of reach.
struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch articles' XML and media into a local content cache, verifying published MD5s.",
        discussion: """
            Files are stored by their MD5 where the source publishes one (the PMC Cloud layout), else by their source and the article's fingerprint (legacy packages): a changed file is fetched again, an unchanged one never. A file is written to the cache's tmp/ folder and moved into place only once verified, so a killed fetch run again completes and never takes a partial file for a whole one.

            The selected articles' listing is recorded in the cache: build, extract and serialize given the same --source and --cache then run even with the source out of reach.

            Requests share one pool of --connections keep-alive connections per host, under an optional --rate per host. A request answered 429 or 5xx, timed out, dropped or cut short of its Content-Length is tried again (--tries in all) after a growing random wait, or after the Retry-After the server asks for; a download cut short resumes with Range from its last byte. A body that is an HTML page, larger than its limit or failing its MD5 never enters the cache.

            Files that cannot be fetched (absent, failing their MD5, too large, out of tries) are logged with their URL and last cause and counted in the summary; they do not change the exit status.

            Examples:
              biomedica fetch --source pmc --limit 1000 --cache pmc-cache
              biomedica fetch --source https://mirror.example.org/pmc/ --rate 10 --connections 8 --cache pmc-cache
              biomedica build --source pmc --limit 1000 --cache pmc-cache --out dataset
            """)

    @OptionGroup var sourceOptions: SourceOptions
    @OptionGroup var selectionOptions: SelectionOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if sourceOptions.cache == nil { throw ValidationError("fetch needs --cache DIR") }
    }

    func run() async throws {
        let (summary, http) = try await reportingFailures {
            try await sourceOptions.spec.fetch(try selectionOptions.selection(), in: global.context(label: "biomedica.fetch"))
        }
        if !global.quiet {
            FileOutput.standardOutput.emit(SummaryText.fetch(summary, http: http, cache: sourceOptions.spec.cache?.standardizedFileURL.path ?? ""))
        }
    }
}
