import ArgumentParser
import Catalog
import Foundation
import Pipeline

/// `biomedica build`: extract, then serialize: a PMC source in, a dataset out.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the dataset from a source: extract, then serialize (and with --enrich, --annotate, those stages too).",
        discussion: """
            Runs `extract` into DIR/catalog.sqlite (or --catalog), then `serialize` into DIR. Both are resumable: run the same command again after a crash, or with a larger --limit, and it does only what is left. The same source and flags give byte-identical shards.

            After PMC changed, run it again on the same DIR: only new or changed article versions are extracted (--since YYYY-MM-DD reads only those the source modified since that day), a newer version replaces the older one, articles the source no longer lists are withdrawn, and the shards are rewritten when any of that touched articles already in them. The summary's `changes:` line counts added, changed, replaced and withdrawn versions.

            On a cluster, give each task a part with --shard I/N (or let SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX choose it) and join the parts with `biomedica merge`.

            Examples:
              biomedica build --source Examples/sample-corpus --out out/sample
              biomedica build --source pmc --limit 1000 --out pmc-1000
              biomedica build --source pmc --since 2026-03-01 --out pmc
              biomedica build --source pmc --limit 1000 --out pmc-1000 --annotate --clusters 100
              biomedica build --source pmc --shard 3/64 --out parts/3 && biomedica merge --out pmc parts/*
            """)

    @OptionGroup var sourceOptions: SourceOptions
    @OptionGroup var datasetOptions: DatasetOptions

    @Option(help: ArgumentHelp("The SQLite catalog file (default: DIR/catalog.sqlite).", valueName: "FILE"))
    var catalog: String?

    @OptionGroup var selectionOptions: SelectionOptions

    @OptionGroup var jobsOptions: JobsOptions

    @Flag(help: "Extract again the articles that failed last time, even when unchanged.")
    var retryFailed = false

    @Flag(help: "Between extract and serialize, add PubMed's MeSH terms, abstract and cited PMIDs (see `biomedica enrich --help`).")
    var enrich = false

    @OptionGroup(title: "Enrich (with --enrich)") var eutils: EUtilitiesOptions

    @Option(help: ArgumentHelp("With --enrich: E-utilities requests per second at most, below NCBI's 3 (10 with an API key).", valueName: "R"))
    var eutilsRate: Double?

    @OptionGroup(title: "Annotate") var annotation: BuildAnnotationOptions

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if let eutilsRate, !(eutilsRate >= 0.001) { throw ValidationError("--eutils-rate must be at least 0.001 requests per second") }
    }

    func run() async throws {
        let logger = global.makeLogger(label: "biomedica.build")
        let selection = try selectionOptions.selection()
        let catalogPath = catalog ?? DatasetLayout(root: datasetOptions.outputURL).defaultCatalog.path
        let catalog = try CatalogOptions.open(path: catalogPath)
        try await sourceOptions.withSource(logger: logger) { source in
            let runner = StageRunner(
                source: source, sourceOptions: sourceOptions, catalog: catalog, jobs: jobsOptions, logger: logger,
                display: ProgressDisplay(quiet: global.quiet))
            let extracted = try await runner.extract(selection: selection, retryFailed: retryFailed)
            let enriched = enrich ? try await eutils.enrich(
                catalog: catalog, rate: eutilsRate, logger: logger, display: ProgressDisplay(quiet: global.quiet)) : nil
            let serialized = try await runner.serialize(options: datasetOptions.serializeOptions, output: datasetOptions.outputURL)
            let annotated = annotation.annotate ? try await annotation.run(
                catalog: catalog, dataset: datasetOptions.outputURL, jobs: jobsOptions.forCores, logger: logger,
                display: ProgressDisplay(quiet: global.quiet)) : nil
            if !global.quiet {
                FileOutput.standardOutput.emit(
                    SummaryText.extract(extracted, catalog: catalog.path)
                        + (enriched.map { SummaryText.enrich($0, http: $1, catalog: catalog.path) } ?? "")
                        + SummaryText.serialize(serialized, output: datasetOptions.out)
                        + (annotated.map { SummaryText.annotate($0, output: datasetOptions.out) } ?? ""))
            }
        }
    }
}
