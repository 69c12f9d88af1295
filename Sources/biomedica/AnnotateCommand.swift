import Annotation
import ArgumentParser
import Foundation
import Pipeline

/// `biomedica annotate`: cluster image features as BIOMEDICA did (PCA, then k-means), to label
/// clusters instead of images.
struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Cluster image features: fit PCA and k-means, then assign every image to a cluster.",
        discussion: """
            Features are a float32 matrix in NumPy's .npy format, one row per image. `fit` trains a model (PCA to --pca-dims, then k-means with --clusters, both by faiss) on a seeded sample of at most --train-size rows and saves it as a folder of .npy files and model.json; `assign` gives every row its nearest cluster with a saved model, so new data is labelled without refitting.

            Examples:
              biomedica annotate fit --features features.npy --model model
              biomedica annotate assign --model model --features features.npy --out clusters.npy
            """,
        subcommands: [AnnotateFeaturesCommand.self, AnnotateFitCommand.self, AnnotateAssignCommand.self])
}

/// `biomedica annotate fit`.
struct AnnotateFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Fit PCA and k-means to a feature matrix and save the model.")

    @Option(help: ArgumentHelp("The feature matrix (.npy, float32, one row per image), or a folder of them (every .npy under it, as one matrix: DIR/features/builtin-v1 of a dataset).", valueName: "PATH"))
    var features: String

    @Option(help: ArgumentHelp("The folder to save the model in.", valueName: "DIR"))
    var model: String

    @Option(help: "Dimensions after PCA.")
    var pcaDims = ClusterModel.Parameters().pcaDimensions

    @Option(help: "Clusters; lowered, with a warning, to one per \(ClusterModel.Parameters.rowsPerCluster) training rows when there are fewer.")
    var clusters = ClusterModel.Parameters().clusters

    @Option(help: "The most rows to train on, drawn at random with --seed.")
    var trainSize = ClusterModel.Parameters().trainingRows

    @Option(help: "k-means iterations.")
    var iterations = ClusterModel.Parameters().iterations

    @Option(help: "Independent k-means runs from different random starts; the one with the lowest objective is kept.")
    var runs = ClusterModel.Parameters().runs

    @Option(help: "The seed of the training sample and of k-means: the same seed and features give the same model.")
    var seed = ClusterModel.Parameters().seed

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        for (name, value) in [("--pca-dims", pcaDims), ("--clusters", clusters), ("--train-size", trainSize), ("--iterations", iterations), ("--runs", runs)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    func run() throws {
        let logger = global.makeLogger(label: "biomedica.annotate")
        var parameters = ClusterModel.Parameters()
        (parameters.pcaDimensions, parameters.clusters, parameters.trainingRows) = (pcaDims, clusters, trainSize)
        (parameters.iterations, parameters.runs, parameters.seed) = (iterations, runs, seed)
        let started = ContinuousClock.now
        do {
            let files = try FeatureFile.matrixFiles(at: features)
            let fitted = try ClusterModel.fit(files: files, parameters: parameters) { lowered in
                logger.warning("\(clusters) clusters need \(clusters * ClusterModel.Parameters.rowsPerCluster) training rows: fitting \(lowered)")
            }
            try fitted.save(to: model)
            let variance = fitted.projection.variances.reduce(0, +)
            if !global.quiet {
                FileOutput.standardOutput.emit("""
                    annotate fit finished: \(files.count) feature file(s) of \(fitted.settings.featureDimensions) values a row, trained on \(fitted.settings.trainingRows) rows
                      PCA: \(fitted.settings.pcaDimensions) dimensions, variance kept \(variance)
                      k-means: \(fitted.settings.clusters) clusters, objective \(fitted.settings.objective), \(ContinuousClock.now - started)
                      model: \(model) (fingerprint \(fitted.fingerprint))

                    """)
            }
        } catch {
            throw fail("\(error)", status: Self.status(of: error))
        }
    }

    /// Unreadable input is a data error; an unwritable model, a creation error; bad settings, usage.
    static func status(of error: AnnotationError) -> ExitCode {
        switch error {
        case .unreadable: ExitStatus.dataError
        case .unwritable: ExitStatus.cannotCreate
        case .invalidSettings: ExitCode.validationFailure
        case .faiss: ExitCode.failure
        }
    }
}

/// `biomedica annotate assign`.
struct AnnotateAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign every row of a feature matrix to its nearest cluster of a saved model.")

    @Option(help: ArgumentHelp("The model folder `annotate fit` saved.", valueName: "DIR"))
    var model: String

    @Option(help: ArgumentHelp("The feature matrix (.npy, float32, one row per image).", valueName: "FILE"))
    var features: String

    @Option(help: ArgumentHelp("Where to write the clusters (.npy, int64, one per row).", valueName: "FILE"))
    var out: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        do {
            let fitted = try ClusterModel.load(from: model)
            let (labels, _) = try fitted.assign(file: features)
            try NPYFile.write(labels: labels, to: out)
            if !global.quiet {
                let used = Set(labels).count
                FileOutput.standardOutput.emit(
                    "annotate assign finished: \(labels.count) rows into \(used) of \(fitted.settings.clusters) clusters (model \(fitted.fingerprint)): \(out)\n")
            }
        } catch {
            throw fail("\(error)", status: AnnotateFitCommand.status(of: error))
        }
    }
}

/// `biomedica annotate features`.
struct AnnotateFeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute every image's feature vector from a built dataset's shards.",
        discussion: """
            Decodes each image of DIR/shards as a 128-pixel thumbnail and computes the built-in descriptor (colour and grey histograms, background and edge shares, gradient orientations on a 2 x 2 grid, an 8 x 8 grey layout: 184 values, no model weights). Writes one feature file per shard, DIR/features/builtin-v1/GROUP/NNNNNN.npy (float32, one row per image) with NNNNNN.keys beside it (the sample keys, in row order), for `annotate fit` and `annotate assign`. A shard whose feature file already lists its keys is not decoded again.

            Example:
              biomedica annotate features --dataset out/sample && biomedica annotate fit --features out/sample/features/builtin-v1 --model out/model
            """)

    @Option(help: ArgumentHelp("The dataset folder (`build --out`).", valueName: "DIR"))
    var dataset: String

    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger(label: "biomedica.annotate")
        let stage = FeatureStage(
            dataset: URL(fileURLWithPath: dataset), extractor: BuiltinFeatureExtractor(), jobs: jobsOptions.forCores, logger: logger)
        let display = ProgressDisplay(quiet: global.quiet)
        let summary: FeatureStage.Summary
        do {
            defer { display.finish() }
            summary = try await stage.run { done in
                display.update(stage: "features", done: done, total: 0, unit: "images", detail: "")
            }
        } catch {
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        }
        if !global.quiet {
            FileOutput.standardOutput.emit(
                "annotate features finished: \(summary.images) images (\(summary.failed) could not be decoded), \(summary.computedShards) shards computed, \(summary.reusedShards) already done: \(stage.folder.path)\n")
        }
    }
}
