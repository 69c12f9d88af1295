import ArgumentParser
import Foundation
import Pipeline

/// `biomedica annotate review`.
struct AnnotateReviewCommand: ParsableCommand {
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

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if sheetImages < 1 || listed < 1 { throw ValidationError("--sheet-images and --listed must be at least 1") }
    }

    func run() throws {
        let logger = global.makeLogger(label: "biomedica.annotate")
        let display = ProgressDisplay(quiet: global.quiet)
        do {
            defer { display.finish() }
            let catalog = try datasetOptions.openCatalog()
            var writer = ReviewWriter(catalog: catalog, dataset: datasetOptions.url, logger: logger)
            (writer.sheetImages, writer.listedSamples) = (sheetImages, listed)
            let clusters = try writer.run { done, total in
                display.update(stage: "review", done: done, total: total, unit: "shards", detail: "")
            }
            if !global.quiet {
                FileOutput.standardOutput.emit("annotate review finished: \(clusters) clusters: \(writer.folder.path)\n")
            }
        } catch {
            throw annotationFailure(error)
        }
    }
}
