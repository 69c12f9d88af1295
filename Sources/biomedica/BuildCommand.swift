import ArgumentParser
import Foundation
import Pipeline

/// `biomedica build`: extract, then serialize: a PMC source in, a dataset out.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the dataset from a source: extract, then serialize (and with --enrich, --annotate, those stages too).",
        discussion: """
            Runs `extract` into DIR/catalog.sqlite (or --catalog), then `serialize` into DIR. Both are resumable: run the same command again after a crash, or with a larger --limit, and it does only what is left. The same source and flags give byte-identical shards.

            DIR must be new, empty, or a dataset biomedica wrote (it marks it with .biomedica-dataset.json): a folder of someone else's files is refused, and so is a file of the user's under shards/, parquet/, features/ or annotation/, which a rewrite would otherwise delete. One run writes a dataset at a time: a second one on the same DIR or catalog waits for the first (--wait) or exits with status 75, naming its PID.

            After PMC changed, run it again on the same DIR: only new or changed article versions are extracted (--since YYYY-MM-DD reads only those the source modified since that day), a newer version replaces the older one, articles the source no longer lists are withdrawn, and the shards are rewritten when any of that touched articles already in them. The summary's `changes:` line counts added, changed, replaced and withdrawn versions. A source that lists nothing at all withdraws nothing unless --allow-empty-source.

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
    @OptionGroup var extraction: ExtractionOptions
    @OptionGroup var jobsOptions: JobsOptions

    @Flag(help: "Between extract and serialize, add PubMed's MeSH terms, abstract and cited PMIDs (see `biomedica enrich --help`).")
    var enrich = false

    @OptionGroup(title: "Enrich (with --enrich)") var eutils: EUtilitiesOptions

    @Option(help: ArgumentHelp("With --enrich: E-utilities requests per second at most, below NCBI's 3 (10 with an API key).", valueName: "R"))
    var eutilsRate: Double?

    @OptionGroup(title: "Annotate") var annotation: BuildAnnotationOptions
    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let summary = try await reportingFailures {
            var plan = BuildPlan(
                source: sourceOptions.spec, selection: try selectionOptions.selection(), dataset: datasetOptions.outputURL,
                catalog: catalog.map { URL(fileURLWithPath: $0) }, options: datasetOptions.serializeOptions)
            extraction.apply(to: &plan)
            plan.enrich = enrich ? eutils.settings(rate: eutilsRate) : nil
            plan.serialize = true
            plan.features = datasetOptions.features
            plan.annotate = annotation.options
            return try await plan.run(in: global.context(label: "biomedica.build", jobs: jobsOptions, wait: waitOptions))
        }
        guard !global.quiet else { return }
        var text = summary.extract.map { SummaryText.extract($0, catalog: summary.catalog) } ?? ""
        if let (enriched, http) = summary.enrich { text += SummaryText.enrich(enriched, http: http, catalog: summary.catalog) }
        text += summary.serialize.map { SummaryText.serialize($0, output: datasetOptions.out) } ?? ""
        text += summary.annotate.map { SummaryText.annotate($0, output: datasetOptions.out) } ?? ""
        FileOutput.standardOutput.emit(text)
    }
}
