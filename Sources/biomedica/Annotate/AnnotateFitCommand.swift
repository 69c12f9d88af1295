import Annotation
import ArgumentParser
import Foundation

/// `biomedica annotate fit`.
struct AnnotateFitCommand: ParsableCommand {
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

    func run() throws {
        let logger = global.makeLogger(label: "biomedica.annotate")
        let started = ContinuousClock.now
        do {
            let files = try FeatureFile.matrixFiles(at: features)
            var parameters = fitting.parameters
            let threads = jobsOptions.forCores
            parameters.threads = threads
            let fitted = try ClusterModel.fit(files: files, parameters: parameters) { lowered in
                logger.warning("\(fitting.clusters) clusters need \(fitting.clusters * ClusterModel.Parameters.rowsPerCluster) training rows: fitting \(lowered)")
            }
            try fitted.save(to: model)
            let variance = fitted.projection.variances.reduce(0, +)
            if !global.quiet {
                FileOutput.standardOutput.emit("""
                    annotate fit finished: \(files.count) feature file(s) of \(fitted.settings.featureDimensions) values a row, trained on \(fitted.settings.trainingRows) rows
                      PCA: \(fitted.settings.pcaDimensions) dimensions, variance kept \(variance)
                      k-means: \(fitted.settings.clusters) clusters, objective \(fitted.settings.objective), \(ContinuousClock.now - started) on \(threads == 1 ? "1 thread" : "\(threads) threads")
                      model: \(model) (fingerprint \(fitted.fingerprint))

                    """)
            }
        } catch {
            throw annotationFailure(error)
        }
    }
}
