@testable import Annotation
import Foundation
import Testing

@Suite("Training rows drawn from many feature files, and assignment in batches")
struct TrainingSampleTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)")

    /// `rows` rows of 3 values, row i holding (i, -i, 2i) from `first` on.
    /// Rows along a line, unevenly spaced: evenly spaced rows put some row exactly halfway between
    /// two centroids, where which one is nearest is down to rounding.
    func matrix(rows: Int, first: Int = 0) -> FeatureMatrix {
        FeatureMatrix(columns: 3, values: (first..<first + rows).flatMap { row in
            let position = Float(row) + Float(row % 7) / 10
            return [position, -position, 2 * position]
        })
    }

    @Test("indices are distinct, ascending, seeded, and all of them when fewer than asked")
    func indices() {
        let chosen = TrainingSample.indices(choosing: 50, of: 1000, seed: 4)
        #expect(chosen.count == 50 && Set(chosen).count == 50 && chosen == chosen.sorted() && chosen.last! < 1000)
        #expect(chosen == TrainingSample.indices(choosing: 50, of: 1000, seed: 4))
        #expect(chosen != TrainingSample.indices(choosing: 50, of: 1000, seed: 5))
        #expect(TrainingSample.indices(choosing: 10, of: 7, seed: 1) == Array(0..<7))
    }

    @Test("rows drawn from files in batches are the rows drawn from the same rows in one matrix")
    func acrossFiles() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sizes = [70_000, 3, 0, 12_000]
        var paths: [String] = []
        var first = 0
        for (index, rows) in sizes.enumerated() {
            let path = folder.appendingPathComponent("\(index).npy").path
            try NPYFile.write(matrix(rows: rows, first: first), to: path)
            paths.append(path)
            first += rows
        }
        let whole = matrix(rows: first)
        let drawn = try TrainingSample.draw(from: paths, rows: 5000, seed: 8)
        #expect(drawn.rows == 5000)
        #expect(drawn == TrainingSample.draw(from: whole, rows: 5000, seed: 8))
        // Rows a file boundary apart are kept apart: every drawn row is one of the originals.
        #expect((0..<drawn.rows).allSatisfy { drawn.row($0)[drawn.row($0).startIndex + 1] == -drawn.row($0).first! })
    }

    @Test("a model assigns a file read a few rows at a time exactly as the whole matrix")
    func batchedAssign() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows = matrix(rows: 300)
        var parameters = ClusterModel.Parameters()
        (parameters.pcaDimensions, parameters.clusters) = (2, 5)
        let model = try ClusterModel.fit(rows, parameters: parameters)
        let path = folder.appendingPathComponent("rows.npy").path
        try NPYFile.write(rows, to: path)
        let batched = try model.assign(file: path, batchRows: 7)
        let whole = try model.assign(rows)
        #expect(batched.labels == whole.labels)
        // faiss takes small batches without BLAS, large ones as |x|^2 - 2xc + |c|^2: the same
        // distances up to float32 rounding of the rows' squared lengths.
        let projected = model.projection.project(rows)
        for row in 0..<rows.rows {
            let length = projected.row(row).reduce(0) { $0 + $1 * $1 }
            #expect(abs(batched.distances[row] - whole.distances[row]) <= 1e-5 * max(1, length))
        }
        #expect(Set(whole.labels).count == 5)
    }
}
