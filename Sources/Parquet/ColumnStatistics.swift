/// Running min/max/null count of one column chunk, written to the footer so readers such as
/// DuckDB and pyarrow can skip row groups a filter rules out.
///
/// Min/max are kept for integers, doubles and strings (compared as unsigned bytes, which is the
/// order Parquet defines for UTF-8). Booleans and lists get only a null count (lists not even
/// that, since "null" is ambiguous between a null list and a null element).
struct ColumnStatistics {
    /// Strings longer than this leave min/max out rather than bloat the footer with long captions.
    static let maxStringBytes = 64

    private(set) var nullCount: Int64 = 0
    private var intMin = Int64.max, intMax = Int64.min
    private var doubleMin = Double.infinity, doubleMax = -Double.infinity
    private var sawNaN = false
    private var bytesMin: [UInt8]?, bytesMax: [UInt8]?
    private var count = 0

    /// Records a null.
    mutating func addNull() { nullCount += 1 }

    /// Records an integer (int32 and int64 alike).
    mutating func add(_ value: Int64) {
        intMin = min(intMin, value)
        intMax = max(intMax, value)
        count += 1
    }

    /// Records a double; a NaN anywhere drops min/max, since NaN has no place in the order.
    mutating func add(_ value: Double) {
        if value.isNaN { sawNaN = true } else {
            doubleMin = min(doubleMin, value)
            doubleMax = max(doubleMax, value)
        }
        count += 1
    }

    /// Records a string's UTF-8 bytes.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytesMin.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { bytesMin = Array(bytes) }
        if bytesMax.map({ $0.lexicographicallyPrecedes(bytes) }) ?? true { bytesMax = Array(bytes) }
        count += 1
    }

    /// Min and max, PLAIN-encoded for `type`, or nil when there are none to give.
    func encodedBounds(for type: ParquetColumnType) -> (min: [UInt8], max: [UInt8])? {
        guard count > 0 else { return nil }
        switch type {
        case .int64:
            return (littleEndian(UInt64(bitPattern: intMin)), littleEndian(UInt64(bitPattern: intMax)))
        case .int32:
            return (littleEndian(UInt32(bitPattern: Int32(intMin))), littleEndian(UInt32(bitPattern: Int32(intMax))))
        case .double:
            guard !sawNaN, doubleMin <= doubleMax else { return nil }
            // The spec asks for -0.0 as a zero minimum and +0.0 as a zero maximum, so either zero passes filters.
            let low = doubleMin == 0 ? -0.0 : doubleMin
            let high = doubleMax == 0 ? 0.0 : doubleMax
            return (littleEndian(low.bitPattern), littleEndian(high.bitPattern))
        case .string:
            guard let bytesMin, let bytesMax,
                  bytesMin.count <= Self.maxStringBytes, bytesMax.count <= Self.maxStringBytes else { return nil }
            return (bytesMin, bytesMax)
        case .bool, .stringList:
            return nil
        }
    }

    private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
