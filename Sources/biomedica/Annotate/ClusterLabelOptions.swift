import ArgumentParser
import Foundation
import Pipeline

/// `--labels FILE --taxonomy FILE`: cluster labels in BIOMEDICA's format, checked against a taxonomy.
struct ClusterLabelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Labels of the model's clusters in BIOMEDICA's format (cluster_labels.json: cluster number -> panel_type, panel_subtype, global_class, local_class).",
        valueName: "FILE"))
    var labels: String?

    @Option(help: ArgumentHelp(
        "The taxonomy the labels must come from (taxonomy_collapsed_and_filtered.json: each top-level concept -> the concepts under it).",
        valueName: "FILE"))
    var taxonomy: String?

    func validate() throws {
        if (labels == nil) != (taxonomy == nil) { throw ValidationError("--labels and --taxonomy go together") }
    }

    /// The two files; nil when none were given.
    var files: ClusterLabelFiles? {
        guard let labels, let taxonomy else { return nil }
        return ClusterLabelFiles(labels: URL(fileURLWithPath: labels), taxonomy: URL(fileURLWithPath: taxonomy))
    }
}
