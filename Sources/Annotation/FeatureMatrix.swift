/// Rows of float32 values of equal length: one row per image (its features), per centroid, or per
/// PCA component. Row-major, as faiss and NumPy lay them out.
public struct FeatureMatrix: Sendable, Equatable {
    /// Values per row.
    public let columns: Int
    /// The values, row after row.
    public private(set) var values: [Float]

    /// A matrix of `values.count / columns` rows.
    public init(columns: Int, values: [Float]) {
        precondition(columns > 0 && values.count % columns == 0, "values must fill whole rows of \(columns)")
        self.columns = columns
        self.values = values
    }

    /// The number of rows.
    public var rows: Int { values.count / columns }

    /// Row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[index * columns..<(index + 1) * columns]
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: some Sequence<Int>) -> FeatureMatrix {
        var picked: [Float] = []
        for index in indices { picked += row(index) }
        return FeatureMatrix(columns: columns, values: picked)
    }

    /// Appends the rows of `other`, which must have as many columns.
    public mutating func append(_ other: FeatureMatrix) {
        precondition(other.columns == columns, "cannot append rows of \(other.columns) to rows of \(columns)")
        values += other.values
    }
}
