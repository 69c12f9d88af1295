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
    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if labelOptions.files == nil { throw ValidationError("give --labels FILE and --taxonomy FILE") }
    }

    func run() async throws {
        guard let files = labelOptions.files else { throw ValidationError("give --labels FILE and --taxonomy FILE") }
        let labelling = try await reportingFailures {
            try await AnnotationSteps.label(
                dataset: datasetOptions.url, catalog: datasetOptions.catalogURL, labels: files,
                in: global.context(label: "biomedica.annotate", jobs: jobsOptions, wait: waitOptions))
        }
        if !global.quiet {
            FileOutput.standardOutput.emit(
                "annotate label finished: \(labelling.images) images labelled through \(labelling.labelledClusters) clusters; \(labelling.written.samplesChanged) samples changed in \(labelling.written.shardsRewritten) shards\n")
        }
    }
}
