@testable import Annotation
import Foundation
import Testing

@Suite("PCA and k-means through faiss, and saved models")
struct ClusterModelTests {
    /// `clusters` blobs of `perCluster` rows in `dimensions`, far apart, with their true cluster.
    func blobs(clusters: Int, perCluster: Int, dimensions: Int, seed: Int = 3) -> (FeatureMatrix, [Int]) {
        var generator = SeededGenerator(seed: seed)
        let centres = (0..<clusters * dimensions).map { _ in Float.random(in: -50...50, using: &generator) }
        var values: [Float] = []
        var truth: [Int] = []
        for cluster in 0..<clusters {
            for _ in 0..<perCluster {
                for dimension in 0..<dimensions {
                    values.append(centres[cluster * dimensions + dimension] + Float.random(in: -1...1, using: &generator))
                }
                truth.append(cluster)
            }
        }
        return (FeatureMatrix(columns: dimensions, values: values), truth)
    }

    @Test("k-means recovers well-separated blobs: each blob is one cluster, and no cluster holds two")
    func blobsRecovered() throws {
        let (matrix, truth) = blobs(clusters: 12, perCluster: 60, dimensions: 16)
        for seed in 1...3 {
            var parameters = ClusterModel.Parameters()
            (parameters.pcaDimensions, parameters.clusters, parameters.seed) = (8, 12, seed)
            let model = try ClusterModel.fit(matrix, parameters: parameters)
            let (labels, _) = try model.assign(matrix)
            var clusterOfBlob: [Int: Set<Int>] = [:]
            for (label, blob) in zip(labels, truth) { clusterOfBlob[blob, default: []].insert(label) }
            #expect(clusterOfBlob.values.allSatisfy { $0.count == 1 }, "seed \(seed): a blob was split")
            #expect(Set(clusterOfBlob.values.map { $0.first! }).count == 12, "seed \(seed): two blobs share a cluster")
        }
    }

    @Test("PCA keeps the directions of largest variance, largest first, as unit rows, each with its largest value positive")
    func pca() throws {
        // Variance 100 along x, 1 along y, none along z.
        var generator = SeededGenerator(seed: 9)
        var values: [Float] = []
        for _ in 0..<2000 {
            values += [Float.random(in: -17.32...17.32, using: &generator), Float.random(in: -1.732...1.732, using: &generator), 5]
        }
        let projection = try PCAProjection.fit(FeatureMatrix(columns: 3, values: values), dimensions: 2)
        #expect(abs(projection.variances[0] - 100) < 5 && abs(projection.variances[1] - 1) < 0.1)
        let first = Array(projection.components.row(0))
        #expect(first[0] > 0.999 && abs(first[1]) < 0.05 && abs(first[2]) < 0.05)
        #expect(projection.components.row(1).max { abs($0) < abs($1) }! > 0.999)
        #expect(abs(projection.mean[2] - 5) < 1e-4)
        let projected = projection.project(FeatureMatrix(columns: 3, values: [10, 0, 5]))
        #expect(abs(projected.values[0] - 10) < 0.5 && abs(projected.values[1]) < 0.5)
    }

    @Test("a saved model loads equal, keeps its fingerprint, and assigns new rows as before")
    func saveAndLoad() throws {
        let (matrix, _) = blobs(clusters: 6, perCluster: 40, dimensions: 10)
        var parameters = ClusterModel.Parameters()
        (parameters.pcaDimensions, parameters.clusters) = (4, 6)
        let model = try ClusterModel.fit(matrix, parameters: parameters)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString)").path
        try model.save(to: folder)
        let loaded = try ClusterModel.load(from: folder)
        #expect(loaded == model)
        #expect(loaded.fingerprint == model.fingerprint)
        let (unseen, _) = blobs(clusters: 6, perCluster: 5, dimensions: 10)
        #expect(try loaded.assign(unseen).labels == model.assign(unseen).labels)

        // A changed array no longer matches the fingerprint.
        try NPYFile.write(FeatureMatrix(columns: 4, values: [Float](repeating: 0, count: 24)), to: folder + "/centroids.npy")
        #expect(throws: AnnotationError.self) { try ClusterModel.load(from: folder) }
    }

    @Test("clusters are lowered to one per 10 training rows, and the sample is capped and seeded")
    func loweredAndSampled() throws {
        let (matrix, _) = blobs(clusters: 5, perCluster: 20, dimensions: 6)
        var parameters = ClusterModel.Parameters()
        (parameters.pcaDimensions, parameters.clusters, parameters.trainingRows) = (3, 2000, 80)
        var lowered: Int?
        let model = try ClusterModel.fit(matrix, parameters: parameters) { lowered = $0 }
        #expect(lowered == 8)
        #expect(model.settings.clusters == 8 && model.settings.requestedClusters == 2000 && model.settings.trainingRows == 80)
        #expect(TrainingSample.draw(from: matrix, rows: 80, seed: 1) == TrainingSample.draw(from: matrix, rows: 80, seed: 1))
        #expect(TrainingSample.draw(from: matrix, rows: 80, seed: 1) != TrainingSample.draw(from: matrix, rows: 80, seed: 2))
    }
}
