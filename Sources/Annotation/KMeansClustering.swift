import CFaiss
import Platform
import CKMeans

/// k-means centroids (greedy k-means++, then Lloyd, through CKMeans), and the assignment of rows
/// to the nearest one (faiss).
public struct KMeansClustering: Sendable, Equatable {
    /// The centroids, one row each; the row's index is the cluster number.
    public let centroids: FeatureMatrix

    /// The number of clusters.
    public var clusters: Int { centroids.rows }

    /// Clustering from saved centroids.
    public init(centroids: FeatureMatrix) {
        self.centroids = centroids
    }

    /// How to fit.
    public struct Settings: Sendable, Hashable, Codable {
        /// Clusters wanted.
        public var clusters: Int
        /// The most Lloyd iterations: fewer once an iteration moves no row; 0 gives the seeds.
        public var iterations: Int
        /// Independent runs, the one with the lowest objective kept.
        public var runs: Int
        /// The random seed: the same seed and data give the same centroids.
        public var seed: Int
        /// At most this many rows per cluster are drawn to train on.
        public var maxPointsPerCentroid: Int

        /// Settings for `clusters` clusters; the rest as faiss's defaults, but faiss's 256 rows per
        /// centroid raised so that every row is used up to 1024 a cluster.
        public init(clusters: Int, iterations: Int = 25, runs: Int = 1, seed: Int = 1234, maxPointsPerCentroid: Int = 1024) {
            self.clusters = clusters
            self.iterations = iterations
            self.runs = runs
            self.seed = seed
            self.maxPointsPerCentroid = maxPointsPerCentroid
        }
    }

    /// Fits centroids to `training` on `threads` threads (nil: `AvailableCores.count`), which
    /// change its speed and never its result; returns them with the final objective (the sum of
    /// squared distances of the training rows to their centroids).
    public static func fit(
        _ training: FeatureMatrix, settings: Settings, threads: Int? = nil
    ) throws(AnnotationError) -> (KMeansClustering, objective: Float) {
        guard settings.iterations >= 0 else { throw .invalidSettings("k-means cannot run \(settings.iterations) iterations") }
        guard settings.clusters >= 1, training.rows >= settings.clusters else {
            throw .invalidSettings("k-means with \(settings.clusters) clusters needs at least as many rows, not \(training.rows)")
        }
        var centroids = [Float](repeating: 0, count: settings.clusters * training.columns)
        var objective: Float = 0
        try NativeCall.run("k-means training") { error, size in
            ckmeans_train(
                Int64(training.rows), Int32(training.columns), Int32(settings.clusters), Int32(settings.iterations),
                Int32(settings.runs), Int32(truncatingIfNeeded: settings.seed), Int32(settings.maxPointsPerCentroid),
                Int32(clamping: threads ?? AvailableCores.count), training.values, &centroids, &objective, error, size)
        }
        return (KMeansClustering(centroids: FeatureMatrix(columns: training.columns, values: centroids)), objective)
    }

    /// Runs at most `iterations` Lloyd iterations on `training` from these centroids, fewer once an
    /// iteration moves no row: the k-means of `fit` after its seeding, on `threads` threads. Returns
    /// the centroids, the final objective and the iterations run.
    public func refined(
        on training: FeatureMatrix, iterations: Int, threads: Int? = nil
    ) throws(AnnotationError) -> (KMeansClustering, objective: Float, iterations: Int) {
        guard training.columns == centroids.columns, iterations >= 1 else {
            throw .invalidSettings("\(iterations) iterations on rows of \(training.columns) values cannot refine centroids of \(centroids.columns)")
        }
        var moved = centroids.values
        var objective: Float = 0
        var done: Int32 = 0
        try NativeCall.run("k-means refinement") { error, size in
            ckmeans_refine(Int64(training.rows), Int32(training.columns), Int32(clusters), Int32(iterations),
                           Int32(clamping: threads ?? AvailableCores.count), training.values,
                           &moved, &objective, &done, error, size)
        }
        return (KMeansClustering(centroids: FeatureMatrix(columns: centroids.columns, values: moved)), objective, Int(done))
    }

    /// The nearest centroid of each row of `matrix`, with its squared distance. One thread does the
    /// search: faiss's distances differ in their last bits from one thread count to another, and
    /// an image's cluster must not depend on the machine that assigned it.
    public func assign(_ matrix: FeatureMatrix) throws(AnnotationError) -> (labels: [Int], distances: [Float]) {
        guard matrix.columns == centroids.columns else {
            throw .invalidSettings("rows of \(matrix.columns) values cannot be assigned to centroids of \(centroids.columns)")
        }
        var labels = [Int64](repeating: 0, count: matrix.rows)
        var distances = [Float](repeating: 0, count: matrix.rows)
        try NativeCall.run("assignment") { error, size in
            cfaiss_assign(Int64(matrix.rows), Int32(matrix.columns), Int32(clusters), centroids.values, matrix.values,
                          &labels, &distances, error, size)
        }
        return (labels.map(Int.init), distances)
    }
}
