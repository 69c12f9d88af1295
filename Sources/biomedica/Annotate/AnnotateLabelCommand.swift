import ArgumentParser
import Foundation
import Pipeline

/// `biomedica annotate label`.
struct AnnotateLabelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Give every image the labels of its cluster, from cluster annotations in BIOMEDICA's format.",
        discussion: """
            Reads --labels (cluster number -> panel_type, panel_subtype, global_class, local_class), checks every concept against --taxonomy (a label outside it is an error naming the cluster), keeps the labels in the catalog and writes image_panel_type, image_panel_subtype, image_primary_label (global_class) and image_secondary_label (local_class) into every sample of a labelled cluster: the catalog, the shards' JSON (each changed shard copied with new JSON members, --jobs at a time) and the Parquet tables. The images must have been assigned (`annotate assign --dataset`).

            Example:
              biomedica annotate label --dataset out/sample --labels cluster_labels.json --taxonomy taxonomy_collapsed_and_filtered.json
            """)

    @OptionGroup var datasetOptions: AnnotatedDatasetOptions
    @OptionGroup var labelOptions: ClusterLabelOptions
    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if labelOptions.labels == nil { throw ValidationError("give --labels FILE and --taxonomy FILE") }
    }

    func run() async throws {
        let logger = global.makeLogger(label: "biomedica.annotate")
        guard let labels = try labelOptions.read() else { return }
        do {
            let catalog = try datasetOptions.openCatalog()
            let models = try catalog.clusterModels()
            guard !models.isEmpty else {
                throw fail("no image has a cluster yet: run `biomedica annotate assign --dataset \(datasetOptions.dataset)` first", status: ExitStatus.dataError)
            }
            try catalog.replaceClusterLabels(labels)
            let sizes = try catalog.clusterSizes()
            let unlabelled = sizes.keys.filter { labels[$0] == nil }.count
            if unlabelled > 0 {
                logger.warning("\(unlabelled) of \(sizes.count) clusters holding images have no labels: their images keep none")
            }
            let empty = labels.keys.filter { sizes[$0] == nil }.count
            if empty > 0 {
                logger.warning("\(empty) of \(labels.count) labelled clusters hold no image: their labels reach none")
            }
            let written = try await relabelShards(catalog: catalog, dataset: datasetOptions.url, jobs: jobsOptions.forCores, quiet: global.quiet, logger: logger)
            if !global.quiet {
                let images = sizes.filter { labels[$0.key] != nil }.values.reduce(0, +)
                FileOutput.standardOutput.emit(
                    "annotate label finished: \(images) images labelled through \(sizes.count - unlabelled) clusters; \(written.samplesChanged) samples changed in \(written.shardsRewritten) shards\n")
            }
        } catch {
            throw annotationFailure(error)
        }
    }
}
