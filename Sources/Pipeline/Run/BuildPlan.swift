import Catalog
import Dataset
import Foundation
import PMCSource
import Transport

/// A build, or any part of one, as a value: where articles come from and which, where the
/// catalog and the dataset go, how samples are made, and which stages run. `run(in:)` carries it
/// out: `biomedica build` runs every stage it asks for, `extract`, `enrich` and `serialize` one each.
///
/// The run opens the source first, so that a source that is not there creates nothing; then it
/// holds the dataset folder (when a stage writes one) and the catalog as their only writer for
/// as long as it runs.
public struct BuildPlan: Sendable {
    /// Where articles come from: needed to extract and to serialize (images are read from it).
    public var source: SourceSpec?
    /// Which listed articles to extract.
    public var selection: ArticleSelection
    /// The dataset folder: needed to serialize and to annotate.
    public var dataset: URL?
    /// The catalog file; nil for `catalog.sqlite` in the dataset folder.
    public var catalog: URL?
    /// How samples are made and written.
    public var options: SerializeOptions

    /// Run the extract stage (it creates the catalog when absent; the other stages need one).
    public var extract: Bool
    /// With `extract`: extract again the articles that failed last time, even when unchanged.
    public var retryFailed: Bool
    /// With `extract`: withdraw what the catalog holds even when the source lists nothing.
    public var allowEmptySource: Bool
    /// Run the enrich stage with these settings.
    public var enrich: EnrichSettings?
    /// Run the serialize stage.
    public var serialize: Bool
    /// Run the annotate stage with these options.
    public var annotate: AnnotateStage.Options?
    /// The feature extractor (`FeatureExtractors.named`) whose files serialize writes beside the
    /// shards, from the decode it does anyway. With `annotate` and no name, annotation's own:
    /// each image is then decoded once in all.
    public var features: String?

    /// A plan that runs nothing yet: set the stages wanted.
    public init(
        source: SourceSpec? = nil, selection: ArticleSelection = ArticleSelection(), dataset: URL? = nil, catalog: URL? = nil,
        options: SerializeOptions = SerializeOptions()
    ) {
        self.source = source
        self.selection = selection
        self.dataset = dataset
        self.catalog = catalog
        self.options = options
        extract = false
        retryFailed = false
        allowEmptySource = false
        serialize = false
    }

    /// What a run did: each stage's summary (nil for a stage not run).
    public struct Summary: Sendable {
        /// The catalog file.
        public var catalog: String
        /// The extract stage.
        public var extract: ExtractStage.Summary?
        /// The enrich stage, and what its requests amounted to.
        public var enrich: (summary: EnrichStage.Summary, http: HTTPStatistics)?
        /// The serialize stage.
        public var serialize: SerializeStage.Summary?
        /// The annotate stage.
        public var annotate: AnnotateStage.Summary?
    }

    /// The catalog file the plan names.
    /// - Throws: `UsageError` when it names neither a catalog nor a dataset folder.
    public func catalogLocation() throws(UsageError) -> URL {
        if let catalog { return catalog.standardizedFileURL }
        guard let dataset else { throw UsageError("give a catalog file (--catalog FILE) or a dataset folder (--out DIR)") }
        return DatasetLayout(root: dataset.standardizedFileURL).defaultCatalog
    }

    /// Runs the stages asked for, in order: extract, enrich, serialize, annotate.
    /// - Throws: `UsageError` when a stage lacks what it needs; the stages' own errors; any of them
    ///   maps to an exit status through `ExitStatus(for:)`.
    public func run(in context: RunContext) async throws -> Summary {
        let catalog = try catalogLocation()
        if (extract || serialize) && source == nil { throw UsageError("extracting and serializing need a source (--source)") }
        if (serialize || annotate != nil) && dataset == nil { throw UsageError("serializing and annotating need a dataset folder (--out DIR)") }
        // What can be checked before the first stage is, so that a mistake does not wait for it.
        _ = try enrich?.endpoint()
        _ = try annotate?.labels?.read()
        _ = try features.map(FeatureExtractors.named)
        guard let source else { return try await run(source: nil, catalog: catalog, context: context) }
        return try await source.withSource(logger: context.logger) { opened in
            try await run(source: (opened, source), catalog: catalog, context: context)
        }
    }

    private func run(source: (opened: any ArticleSource, spec: SourceSpec)?, catalog catalogURL: URL, context: RunContext) async throws -> Summary {
        // Before the dataset folder is made: a run that cannot start leaves nothing behind.
        if !extract && !FileManager.default.fileExists(atPath: catalogURL.path) { throw DatasetError.missingCatalog(catalogURL.path) }
        var folder: DatasetFolder?
        if let dataset { folder = try await DatasetFolder.openForWriting(dataset, catalog: catalogURL, wait: context.waitForLocks) }
        defer { folder?.release() }
        let locked = try await LockedCatalog.openForWriting(catalogURL, create: extract, wait: context.waitForLocks)
        defer { locked.release() }
        let catalog = locked.catalog
        var summary = Summary(catalog: catalog.path)
        if extract, let source {
            var reading = context
            reading.jobs = source.spec.readingJobs(in: context)
            let stage = ExtractStage(
                source: source.opened, catalog: catalog, selection: selection, retryFailed: retryFailed, allowEmptySource: allowEmptySource)
            summary.extract = try await context.finishing("extract") { try await stage.run(in: reading) }
        }
        if let enrich {
            summary.enrich = try await context.finishing("enrich") { try await enrich.enrich(catalog, in: context) }
        }
        if serialize, let source, let folder {
            var stage = SerializeStage(source: source.opened, catalog: catalog, dataset: folder, options: options)
            stage.features = try features.map(FeatureExtractors.named) ?? (annotate != nil ? FeatureExtractors.annotation : nil)
            summary.serialize = try await context.finishing("serialize") { try await stage.run(in: context) }
        }
        if let annotate, let folder {
            let stage = AnnotateStage(catalog: catalog, dataset: folder, options: annotate)
            summary.annotate = try await context.finishing("annotate") { try await stage.run(in: context) }
        }
        return summary
    }
}
