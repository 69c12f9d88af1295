import Crypto
import Platform
import Foundation

/// What `annotate fit` makes and `annotate assign` uses: a PCA projection and k-means centroids,
/// with the settings they were fitted with and a fingerprint, saved as a folder of NumPy files and
/// a `model.json`, so that new data (a yearly update) is assigned without refitting.
public struct ClusterModel: Sendable, Equatable {
    /// The projection from features to the clustering space.
    public let projection: PCAProjection
    /// The clusters in that space.
    public let clustering: KMeansClustering
    /// How it was fitted.
    public let settings: Settings

    /// How a model was fitted, as `model.json` records it.
    public struct Settings: Sendable, Equatable, Codable {
        /// Values per feature row.
        public var featureDimensions: Int
        /// Dimensions after PCA.
        public var pcaDimensions: Int
        /// Clusters asked for.
        public var requestedClusters: Int
        /// Clusters fitted: fewer than asked when the training rows were too few.
        public var clusters: Int
        /// Training rows used.
        public var trainingRows: Int
        /// The most Lloyd iterations.
        public var iterations: Int
        /// Independent k-means runs, the best kept.
        public var runs: Int
        /// The seed of the sample and of k-means.
        public var seed: Int
        /// The final k-means objective on the training rows.
        public var objective: Float

        enum CodingKeys: String, CodingKey {
            case featureDimensions = "feature_dimensions"
            case pcaDimensions = "pca_dimensions"
            case requestedClusters = "requested_clusters"
            case clusters, iterations, runs, seed, objective
            case trainingRows = "training_rows"
        }
    }

    /// The fitting parameters.
    public struct Parameters: Sendable, Hashable {
        /// Dimensions after PCA.
        public var pcaDimensions = 25
        /// Clusters wanted; lowered to one per `rowsPerCluster` training rows when there are fewer.
        public var clusters = 2000
        /// The most rows trained on, drawn at random (with `seed`) when there are more.
        public var trainingRows = 200_000
        /// The most Lloyd iterations.
        public var iterations = 25
        /// Independent k-means runs from different random starts, the best kept.
        public var runs = 1
        /// The seed of the sample and of k-means.
        public var seed = 1234
        /// Threads k-means works on (nil: `AvailableCores.count`): they change its speed, never
        /// its centroids, so the model does not record them.
        public var threads: Int?

        /// Training rows a cluster needs at least.
        public static let rowsPerCluster = 10

        /// The defaults: BIOMEDICA's 25 dimensions and 2000 clusters.
        public init() {}
    }

    /// A model from its parts.
    public init(projection: PCAProjection, clustering: KMeansClustering, settings: Settings) {
        self.projection = projection
        self.clustering = clustering
        self.settings = settings
    }

    /// Fits a model to `features`: a seeded sample of at most `parameters.trainingRows` rows, PCA,
    /// then k-means in the PCA space. `lowered` is told the cluster count when the sample is too
    /// small for the one asked.
    public static func fit(
        _ features: FeatureMatrix, parameters: Parameters, lowered: (Int) -> Void = { _ in }
    ) throws(AnnotationError) -> ClusterModel {
        try fit(training: TrainingSample.draw(from: features, rows: parameters.trainingRows, seed: parameters.seed),
                parameters: parameters, lowered: lowered)
    }

    /// Fits a model to the rows of the feature files `files` taken as one, of which at most
    /// `parameters.trainingRows` are drawn and read.
    public static func fit(
        files: [String], parameters: Parameters, lowered: (Int) -> Void = { _ in }
    ) throws(AnnotationError) -> ClusterModel {
        try fit(training: TrainingSample.draw(from: files, rows: parameters.trainingRows, seed: parameters.seed),
                parameters: parameters, lowered: lowered)
    }

    private static func fit(
        training: FeatureMatrix, parameters: Parameters, lowered: (Int) -> Void
    ) throws(AnnotationError) -> ClusterModel {
        guard training.rows > 0 else { throw .invalidSettings("there are no feature rows to fit a model to") }
        let dimensions = min(parameters.pcaDimensions, training.columns)
        guard training.rows > dimensions else {
            throw .invalidSettings("PCA to \(dimensions) dimensions needs more than \(dimensions) rows, not \(training.rows): give fewer --pca-dims or more images")
        }
        let clusters = min(parameters.clusters, max(1, training.rows / Parameters.rowsPerCluster))
        if clusters < parameters.clusters { lowered(clusters) }
        let projection = try PCAProjection.fit(training, dimensions: dimensions)
        let (clustering, objective) = try KMeansClustering.fit(
            projection.project(training),
            settings: .init(clusters: clusters, iterations: parameters.iterations, runs: parameters.runs, seed: parameters.seed),
            threads: parameters.threads)
        return ClusterModel(projection: projection, clustering: clustering, settings: Settings(
            featureDimensions: training.columns, pcaDimensions: projection.dimensions, requestedClusters: parameters.clusters,
            clusters: clusters, trainingRows: training.rows, iterations: parameters.iterations, runs: parameters.runs, seed: parameters.seed,
            objective: objective))
    }

    /// The cluster of each row of `features`, and its squared distance to the centroid.
    public func assign(_ features: FeatureMatrix) throws(AnnotationError) -> (labels: [Int], distances: [Float]) {
        guard features.columns == settings.featureDimensions else {
            throw .invalidSettings("the model was fitted on features of \(settings.featureDimensions) values, not \(features.columns)")
        }
        return try clustering.assign(projection.project(features))
    }

    /// The cluster of each row of the matrix file `path` and its squared distance, read
    /// `batchRows` rows at a time, so that memory holds one batch of features whatever the file's size.
    public func assign(file path: String, batchRows: Int = 65_536) throws(AnnotationError) -> (labels: [Int], distances: [Float]) {
        let header = try NPYFile.header(of: path)
        guard header.columns == settings.featureDimensions else {
            throw .unreadable(file: path, reason: "has rows of \(header.columns) values; the model was fitted on \(settings.featureDimensions)")
        }
        var labels: [Int] = []
        var distances: [Float] = []
        labels.reserveCapacity(header.rows)
        distances.reserveCapacity(header.rows)
        for start in stride(from: 0, to: header.rows, by: max(1, batchRows)) {
            let batch = try assign(NPYFile.readRows(path, header: header, rows: start..<min(header.rows, start + batchRows)))
            labels += batch.labels
            distances += batch.distances
        }
        return (labels, distances)
    }

    // MARK: Saving

    private static let files = (mean: "pca_mean.npy", components: "pca_components.npy", variances: "pca_variances.npy",
                                centroids: "centroids.npy", settings: "model.json")

    /// SHA-256 of the model's numbers, the first 16 hex digits: what assignments record, so that
    /// labels from different models are never mixed up.
    public var fingerprint: String {
        var hash = SHA256()
        for values in [projection.mean, projection.components.values, projection.variances, clustering.centroids.values] {
            values.withUnsafeBytes { hash.update(bufferPointer: $0) }
        }
        return hash.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Saves the model into the folder `path` (created if needed).
    public func save(to path: String) throws(AnnotationError) {
        let folder = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(file: path, reason: "\(error)")
        }
        func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
        try NPYFile.write(FeatureMatrix(columns: projection.inputDimensions, values: projection.mean), to: file(Self.files.mean))
        try NPYFile.write(projection.components, to: file(Self.files.components))
        try NPYFile.write(FeatureMatrix(columns: 1, values: projection.variances), to: file(Self.files.variances))
        try NPYFile.write(clustering.centroids, to: file(Self.files.centroids))
        let document = SavedSettings(format: 1, fingerprint: fingerprint, settings: settings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try AtomicFile.write(encoder.encode(document), to: file(Self.files.settings))
        } catch {
            throw .unwritable(file: file(Self.files.settings), reason: "\(error)")
        }
    }

    /// Loads the model saved in the folder `path`, checking its arrays against its settings and fingerprint.
    public static func load(from path: String) throws(AnnotationError) -> ClusterModel {
        let folder = URL(fileURLWithPath: path)
        func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let settingsFile = file(files.settings)
        let document: SavedSettings
        do {
            document = try JSONDecoder().decode(SavedSettings.self, from: Data(contentsOf: URL(fileURLWithPath: settingsFile)))
        } catch {
            throw .unreadable(file: settingsFile, reason: "not a model.json of biomedica annotate fit: \(error)")
        }
        let mean = try NPYFile.read(file(files.mean))
        let components = try NPYFile.read(file(files.components))
        let variances = try NPYFile.read(file(files.variances))
        let centroids = try NPYFile.read(file(files.centroids))
        let settings = document.settings
        guard mean.values.count == settings.featureDimensions, components.columns == settings.featureDimensions,
              components.rows == settings.pcaDimensions, variances.values.count == settings.pcaDimensions,
              centroids.rows == settings.clusters, centroids.columns == settings.pcaDimensions
        else {
            throw .unreadable(file: path, reason: "its arrays do not have the shapes model.json gives")
        }
        let model = ClusterModel(
            projection: PCAProjection(mean: mean.values, components: components, variances: variances.values),
            clustering: KMeansClustering(centroids: centroids), settings: settings)
        guard model.fingerprint == document.fingerprint else {
            throw .unreadable(file: path, reason: "its arrays do not match the fingerprint in model.json (\(document.fingerprint))")
        }
        return model
    }

    /// `model.json`.
    private struct SavedSettings: Codable {
        var format: Int
        var fingerprint: String
        var settings: Settings
    }
}
