/// One cell of a row. The case must match the column's `ParquetColumnType`; `.null` is allowed
/// only in optional columns.
public enum ParquetValue: Sendable, Hashable {
    /// No value (Parquet null). In a list column this is a null list, unlike an empty one.
    case null
    /// Text for a `.string` column.
    case string(String)
    /// A number for an `.int64` column.
    case int64(Int64)
    /// A number for an `.int32` column.
    case int32(Int32)
    /// A number for a `.double` column.
    case double(Double)
    /// A flag for a `.bool` column.
    case bool(Bool)
    /// The elements of a `.stringList` column; an element may itself be null.
    case stringList([String?])

    /// A short name of the case, for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .string: return "string"
        case .int64: return "int64"
        case .int32: return "int32"
        case .double: return "double"
        case .bool: return "bool"
        case .stringList: return "list<string>"
        }
    }
}
