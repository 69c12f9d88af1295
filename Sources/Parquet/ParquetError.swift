/// What can go wrong while writing, or reading the footer of, a Parquet file.
public enum ParquetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Two columns share a name.
    case duplicateColumn(String)
    /// A schema needs at least one column.
    case emptySchema
    /// A row had a different number of values than the schema has columns.
    case rowWidth(expected: Int, got: Int)
    /// A value did not fit its column's type (or was null in a required column).
    case typeMismatch(column: String, expected: String, got: String)
    /// The writer was used after `close()` or `abort()`.
    case closed
    /// A file operation failed.
    case io(String)
    /// A file that is not Parquet, or whose footer does not decode: the file and why.
    case unreadable(String, String)

    /// A one-line message for logs.
    public var description: String {
        switch self {
        case .duplicateColumn(let name): return "duplicate Parquet column '\(name)'"
        case .emptySchema: return "a Parquet schema needs at least one column"
        case .rowWidth(let expected, let got): return "row has \(got) values, schema has \(expected) columns"
        case .typeMismatch(let column, let expected, let got): return "column '\(column)' expects \(expected), got \(got)"
        case .closed: return "the Parquet writer is closed"
        case .io(let message): return "Parquet I/O: \(message)"
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        }
    }
}
