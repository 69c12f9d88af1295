import Annotation
import ArgumentParser
import Catalog
import Foundation
import Logging
import Pipeline

/// What `build --annotate` does after serializing: the model to cluster with, how to fit one,
/// the labels to give, and whether to write review material.
struct BuildAnnotationOptions: ParsableArguments {
    @Flag(help: "After serialize, annotate: features, fit (or --model), assign, --labels, review material (see `biomedica annotate --help`).")
    var annotate = false

    @Option(help: ArgumentHelp("With --annotate: cluster with this saved model instead of the dataset's own (DIR/annotation/model).", valueName: "DIR"))
    var model: String?

    @Flag(help: "With --annotate: fit the dataset's own model again even if one is saved.")
    var refit = false

    @Flag(help: "With --annotate: skip the contact sheets and listings of annotation/review.")
    var noReview = false

    @OptionGroup(title: "Fitting (with --annotate)") var fitting: ClusterModelOptions
    @OptionGroup(title: "Labels (with --annotate)") var labelOptions: ClusterLabelOptions

    func validate() throws {
        if model != nil && refit { throw ValidationError("--model and --refit do not go together") }
        if !annotate && (model != nil || refit || labelOptions.labels != nil) {
            throw ValidationError("--model, --refit and --labels need --annotate")
        }
    }

    /// Runs the annotate stage on the dataset under `dataset`.
    func run(catalog: Catalog, dataset: URL, jobs: Int, logger: Logger, display: ProgressDisplay) async throws -> AnnotateStage.Summary {
        var options = AnnotateStage.Options()
        options.model = model.map { .saved($0) } ?? (refit ? .refit : .datasetModel)
        options.parameters = fitting.parameters
        options.labels = try labelOptions.read()
        options.review = !noReview
        options.jobs = jobs
        options.parameters.threads = jobs
        let stage = AnnotateStage(catalog: catalog, dataset: dataset, options: options, logger: logger)
        defer { display.finish() }
        do {
            return try await stage.run { step, done, total in
                display.update(stage: step, done: done, total: total, unit: step == "features" ? "images" : "shards", detail: "")
            }
        } catch {
            throw annotationFailure(error)
        }
    }
}
