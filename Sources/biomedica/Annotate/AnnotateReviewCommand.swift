import ArgumentParser
import Foundation
import Pipeline

/// `biomedica annotate review`.
struct AnnotateReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write each cluster's contact sheet and sample listing, for experts to label.",
        discussion: """
            Writes DIR/annotation/review/NNNN.jpg (a grid of up to --sheet-images thumbnails, the images nearest the cluster's centroid first), NNNN.json (its --listed samples nearest first: key, shard, distance, article, figure label, caption) and clusters.json (every cluster with its size and files). The images must have been assigned (`annotate assign --dataset`).

            Example:
              biomedica annotate review --dataset out/sample
            """)

    @OptionGroup var datasetOptions: AnnotatedDatasetOptions

    @Option(help: "Images on a contact sheet, six a row.")
    var sheetImages = 36

    @Option(help: "Samples listed in a cluster's JSON, nearest the centroid first.")
    var listed = 100

    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if sheetImages < 1 || listed < 1 { throw ValidationError("--sheet-images and --listed must be at least 1") }
    }

    func run() async throws {
        let (clusters, folder) = try await reportingFailures {
            try await AnnotationSteps.review(
                dataset: datasetOptions.url, catalog: datasetOptions.catalogURL, sheetImages: sheetImages, listed: listed,
                in: global.context(label: "biomedica.annotate", wait: waitOptions))
        }
        if !global.quiet {
            FileOutput.standardOutput.emit("annotate review finished: \(clusters) clusters: \(folder.path)\n")
        }
    }
}
