import ArgumentParser
import Foundation
import Pipeline

/// `biomedica annotate fit`.
struct AnnotateFitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit PCA and k-means to feature files and save the model.",
        discussion: """
            Trains on a seeded sample of at most --train-size rows drawn across every feature file: PCA to --pca-dims (faiss), then k-means with --clusters (greedy k-means++ seeding, then at most --iterations Lloyd iterations, exact, on --jobs threads). Saves the model as a folder of .npy files (pca_mean, pca_components, pca_variances, centroids) and model.json with the settings and a fingerprint.

            Example:
              biomedica annotate fit --features out/sample/features/builtin-v2 --model out/sample/annotation/model --clusters 200
            """)

    @Option(help: ArgumentHelp("The feature matrix (.npy, float32, one row per image), or a folder of them (every .npy under it, as one matrix: DIR/features/builtin-v2 of a dataset).", valueName: "PATH"))
    var features: String

    @Option(help: ArgumentHelp("The folder to save the model in.", valueName: "DIR"))
    var model: String

    @OptionGroup(title: "Fitting") var fitting: ClusterModelOptions
    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let fit = try await reportingFailures {
            try await AnnotationSteps.fit(
                features: URL(fileURLWithPath: features), model: URL(fileURLWithPath: model), parameters: fitting.parameters,
                in: global.context(label: "biomedica.annotate", jobs: jobsOptions))
        }
        guard !global.quiet else { return }
        let settings = fit.model.settings
        FileOutput.standardOutput.emit("""
            annotate fit finished: \(fit.files) feature file(s) of \(settings.featureDimensions) values a row, trained on \(settings.trainingRows) rows
              PCA: \(settings.pcaDimensions) dimensions, variance kept \(fit.model.projection.variances.reduce(0, +))
              k-means: \(settings.clusters) clusters, objective \(settings.objective), \(fit.elapsed) on \(fit.threads == 1 ? "1 thread" : "\(fit.threads) threads")
              model: \(model) (fingerprint \(fit.model.fingerprint))

            """)
    }
}
