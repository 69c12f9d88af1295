import CFaiss

/// A principal component analysis fitted by faiss: rows are centred on `mean` and projected onto
/// the `dimensions` directions of largest variance.
public struct PCAProjection: Sendable, Equatable {
    /// The mean of the training rows.
    public let mean: [Float]
    /// The principal directions, one unit row each, largest variance first.
    public let components: FeatureMatrix
    /// The variance along each direction (eigenvalues of the covariance matrix), largest first.
    public let variances: [Float]

    /// Input values per row.
    public var inputDimensions: Int { mean.count }
    /// Output values per row.
    public var dimensions: Int { components.rows }

    /// A projection from its parts (as saved with a model).
    public init(mean: [Float], components: FeatureMatrix, variances: [Float]) {
        self.mean = mean
        self.components = components
        self.variances = variances
    }

    /// Fits a projection to `dimensions` on `training`.
    public static func fit(_ training: FeatureMatrix, dimensions: Int) throws(AnnotationError) -> PCAProjection {
        guard (1...training.columns).contains(dimensions) else {
            throw .invalidSettings("PCA to \(dimensions) dimensions needs between 1 and \(training.columns) (the features' length)")
        }
        guard training.rows >= 2 else { throw .invalidSettings("PCA needs at least 2 rows, not \(training.rows)") }
        var mean = [Float](repeating: 0, count: training.columns)
        var projection = [Float](repeating: 0, count: dimensions * training.columns)
        var variances = [Float](repeating: 0, count: dimensions)
        try NativeCall.run("PCA training") { error, size in
            cfaiss_pca_train(Int64(training.rows), Int32(training.columns), Int32(dimensions), training.values,
                             &mean, &projection, &variances, error, size)
        }
        return PCAProjection(mean: mean, components: FeatureMatrix(columns: training.columns, values: projection), variances: variances)
    }

    /// The rows of `matrix` projected: `dimensions` values each.
    public func project(_ matrix: FeatureMatrix) -> FeatureMatrix {
        precondition(matrix.columns == inputDimensions, "rows of \(matrix.columns) values, the projection takes \(inputDimensions)")
        var out = [Float](repeating: 0, count: matrix.rows * dimensions)
        for row in 0..<matrix.rows {
            let values = matrix.row(row)
            for component in 0..<dimensions {
                let direction = components.row(component)
                var sum: Float = 0
                for (value, (weight, centre)) in zip(values, zip(direction, mean)) {
                    sum += (value - centre) * weight
                }
                out[row * dimensions + component] = sum
            }
        }
        return FeatureMatrix(columns: dimensions, values: out)
    }
}
