@testable import Annotation
import Testing

@Suite("k-means: bounded Lloyd against plain Lloyd")
struct KMeansClusteringTests {
    /// `rows` rows of `dimensions` values around `centres` overlapping centres, so that many rows
    /// change cluster over the iterations and the bounds are put to work.
    func overlapping(rows: Int, dimensions: Int, centres: Int) -> FeatureMatrix {
        var generator = SeededGenerator(seed: 11)
        let middles = (0..<centres * dimensions).map { _ in Float.random(in: -4...4, using: &generator) }
        var values: [Float] = []
        for _ in 0..<rows {
            let centre = Int.random(in: 0..<centres, using: &generator)
            for dimension in 0..<dimensions {
                values.append(middles[centre * dimensions + dimension] + Float.random(in: -1.5...1.5, using: &generator))
            }
        }
        return FeatureMatrix(columns: dimensions, values: values)
    }

    /// Lloyd as written in textbooks: every row against every centroid, means in Double, a
    /// centroid without rows left where it was; stops after `iterations` or once no row moves.
    func plainLloyd(_ matrix: FeatureMatrix, from start: FeatureMatrix, iterations: Int) -> (centroids: [Float], labels: [Int], iterations: Int) {
        let (k, d) = (start.rows, start.columns)
        var centroids = start.values
        var labels = [Int](repeating: -1, count: matrix.rows)
        var done = 0
        while done < iterations {
            var moved = false
            for row in 0..<matrix.rows {
                let values = Array(matrix.row(row))
                var best = (cluster: 0, distance: Float.infinity)
                for cluster in 0..<k {
                    var distance: Float = 0
                    for j in 0..<d {
                        let e = values[j] - centroids[cluster * d + j]
                        distance += e * e
                    }
                    if distance < best.distance { best = (cluster, distance) }
                }
                if labels[row] != best.cluster { (labels[row], moved) = (best.cluster, true) }
            }
            if !moved { break }
            done += 1
            var sums = [Double](repeating: 0, count: k * d)
            var counts = [Int](repeating: 0, count: k)
            for row in 0..<matrix.rows {
                counts[labels[row]] += 1
                for (j, value) in matrix.row(row).enumerated() { sums[labels[row] * d + j] += Double(value) }
            }
            for cluster in 0..<k where counts[cluster] > 0 {
                for j in 0..<d { centroids[cluster * d + j] = Float(sums[cluster * d + j] / Double(counts[cluster])) }
            }
        }
        return (centroids, labels, done)
    }

    @Test("bounded Lloyd ends where plain Lloyd does: the same clusters, centroids and iterations", arguments: [(6, 40), (25, 200)])
    func boundedEqualsPlain(dimensions: Int, clusters: Int) throws {
        let matrix = overlapping(rows: 4000, dimensions: dimensions, centres: clusters / 2)
        let start = FeatureMatrix(columns: dimensions, values: Array(matrix.values.prefix(clusters * dimensions)))
        let plain = plainLloyd(matrix, from: start, iterations: 60)
        let (bounded, objective, iterations) = try KMeansClustering(centroids: start).refined(on: matrix, iterations: 60)
        let labels = try bounded.assign(matrix).labels
        #expect(labels == plain.labels)
        // Plain Lloyd counts the iterations that moved rows; ours counts the one that found none too.
        #expect(iterations == min(60, plain.iterations + 1))
        #expect(plain.iterations > 5, "the start is too good to test the bounds")
        for (ours, theirs) in zip(bounded.centroids.values, plain.centroids) {
            #expect(abs(ours - theirs) <= 1e-4 * max(1, abs(theirs)))
        }
        var expected: Double = 0
        for row in 0..<matrix.rows {
            for (j, value) in matrix.row(row).enumerated() {
                let e = Double(value) - Double(plain.centroids[plain.labels[row] * dimensions + j])
                expected += e * e
            }
        }
        #expect(abs(Double(objective) - expected) <= 1e-4 * expected)
    }

    @Test("more clusters than distinct rows: every row sits on a centroid, and no cluster is drawn from nothing")
    func duplicates() throws {
        let distinct: [[Float]] = [[0, 0, 0], [5, 1, -2], [-3, 4, 8], [9, 9, 9]]
        let matrix = FeatureMatrix(columns: 3, values: (0..<200).flatMap { distinct[$0 % 4] })
        let settings = KMeansClustering.Settings(clusters: 10, seed: 5)
        let (clustering, objective) = try KMeansClustering.fit(matrix, settings: settings)
        let (labels, distances) = try clustering.assign(matrix)
        #expect(objective == 0)
        #expect(distances.allSatisfy { $0 == 0 })
        #expect(Set(labels).count == 4)
        for (row, label) in labels.enumerated() {
            #expect(Array(clustering.centroids.row(label)) == distinct[row % 4])
        }
    }
}
