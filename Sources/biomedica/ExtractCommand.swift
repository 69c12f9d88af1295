import ArgumentParser
import Catalog
import Foundation
import Pipeline

/// `biomedica extract`: list a source, parse every selected article's JATS and record articles,
/// figures, tables and citing paragraphs in the catalog.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract articles, figures, tables and in-text references into the catalog.",
        discussion: """
            Runs on all cores. Run it again and it does only what is new or changed: articles whose source fingerprint is already in the catalog are skipped (failed ones too, unless --retry-failed), and versions in the selection that the source no longer lists are marked withdrawn (not when --limit cut the listing). A killed run resumes where it stopped.

            Per-article problems (malformed XML, unreadable metadata, broken tarballs) are recorded in the catalog and counted in the summary; they do not stop the run or change the exit status.

            Examples:
              biomedica extract --source Examples/sample-corpus --catalog out/c.sqlite
              biomedica extract --source pmc --limit 1000 --license-group commercial --catalog pmc.sqlite
              biomedica extract --source s3://my-mirror/pmc --endpoint http://127.0.0.1:9000 --catalog c.sqlite
              sbatch --array=0-63 --wrap 'biomedica extract --source pmc --catalog p$SLURM_ARRAY_TASK_ID.sqlite'
            """)

    @OptionGroup var sourceOptions: SourceOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var selectionOptions: SelectionOptions

    @OptionGroup var jobsOptions: JobsOptions

    @Flag(help: "Extract again the articles that failed last time, even when unchanged.")
    var retryFailed = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger(label: "biomedica.extract")
        let selection = try selectionOptions.selection()
        let catalog = try catalogOptions.open()
        try await sourceOptions.withSource(logger: logger) { source in
            let runner = StageRunner(
                source: source, sourceOptions: sourceOptions, catalog: catalog, jobs: jobsOptions, logger: logger,
                display: ProgressDisplay(quiet: global.quiet))
            let summary = try await runner.extract(selection: selection, retryFailed: retryFailed)
            if !global.quiet {
                FileOutput.standardOutput.emit(SummaryText.extract(summary, catalog: catalog.path))
            }
        }
    }
}
