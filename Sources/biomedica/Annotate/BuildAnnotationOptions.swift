import ArgumentParser
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

    /// The annotate stage's options, nil without --annotate.
    var options: AnnotateStage.Options? {
        guard annotate else { return nil }
        var options = AnnotateStage.Options()
        options.model = model.map { .saved($0) } ?? (refit ? .refit : .datasetModel)
        options.parameters = fitting.parameters
        options.labels = labelOptions.files
        options.review = !noReview
        return options
    }
}
