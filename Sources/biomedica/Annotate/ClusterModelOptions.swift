import ArgumentParser
import Pipeline

/// How a cluster model is fitted: shared by `annotate fit` and `build --annotate`.
struct ClusterModelOptions: ParsableArguments {
    @Option(help: "Dimensions after PCA (BIOMEDICA: 25).")
    var pcaDims = ClusterModel.Parameters().pcaDimensions

    @Option(help: "k-means clusters (BIOMEDICA: 2000); lowered, with a warning, to one per \(ClusterModel.Parameters.rowsPerCluster) training rows when there are fewer.")
    var clusters = ClusterModel.Parameters().clusters

    @Option(help: "The most rows to train on, drawn at random with --seed.")
    var trainSize = ClusterModel.Parameters().trainingRows

    @Option(help: "The most Lloyd iterations of k-means; it stops sooner once an iteration moves no image.")
    var iterations = ClusterModel.Parameters().iterations

    @Option(help: "Independent k-means runs from different random starts; the one with the lowest objective is kept.")
    var runs = ClusterModel.Parameters().runs

    @Option(help: "The seed of the training sample and of k-means: the same seed and features give the same model.")
    var seed = ClusterModel.Parameters().seed

    func validate() throws {
        for (name, value) in [("--pca-dims", pcaDims), ("--clusters", clusters), ("--train-size", trainSize), ("--iterations", iterations), ("--runs", runs)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    /// The parameters the options give.
    var parameters: ClusterModel.Parameters {
        var parameters = ClusterModel.Parameters()
        (parameters.pcaDimensions, parameters.clusters, parameters.trainingRows) = (pcaDims, clusters, trainSize)
        (parameters.iterations, parameters.runs, parameters.seed) = (iterations, runs, seed)
        return parameters
    }
}
