import ArgumentParser
import Pipeline

/// `biomedica extract`: list a source, parse every selected article's JATS and record articles,
/// figures, tables and citing paragraphs in the catalog.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract articles, figures, tables and in-text references into the catalog.",
        discussion: """
            Runs on all cores. Run it again and it does only what is new or changed: articles whose source fingerprint is already in the catalog are skipped (failed ones too, unless --retry-failed), and versions in the selection that the source no longer lists are marked withdrawn (not when --limit cut the listing, and not when the source lists nothing at all unless --allow-empty-source: an unmounted folder must not empty a dataset). A killed run resumes where it stopped.

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
    @OptionGroup var extraction: ExtractionOptions
    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let summary = try await reportingFailures {
            var plan = BuildPlan(source: sourceOptions.spec, selection: try selectionOptions.selection(), catalog: catalogOptions.url)
            extraction.apply(to: &plan)
            return try await plan.run(in: global.context(label: "biomedica.extract", jobs: jobsOptions, wait: waitOptions))
        }
        if !global.quiet, let extracted = summary.extract {
            FileOutput.standardOutput.emit(SummaryText.extract(extracted, catalog: summary.catalog))
        }
    }
}
