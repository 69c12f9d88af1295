/// The value types a column can hold. Each maps to one Parquet physical type (plus logical
/// annotations), chosen so that pyarrow and DuckDB read them back as the obvious Arrow/SQL type.
public enum ParquetColumnType: Sendable, Hashable {
    /// UTF-8 text: BYTE_ARRAY annotated STRING (logical) and UTF8 (converted, for older readers).
    case string
    /// 64-bit signed integer: INT64.
    case int64
    /// 32-bit signed integer: INT32.
    case int32
    /// IEEE 754 double: DOUBLE.
    case double
    /// Boolean: BOOLEAN, bit-packed in PLAIN encoding.
    case bool
    /// A list of (nullable) strings, written as the standard three-level LIST group so that
    /// readers see `list<string>` rather than a bare repeated field.
    case stringList
}

/// One top-level column of a flat schema.
public struct ParquetColumn: Sendable, Hashable {
    /// The column's name, as readers show it.
    public var name: String
    /// What the column holds.
    public var type: ParquetColumnType
    /// Whether rows may hold `.null` here (Parquet OPTIONAL) or must hold a value (REQUIRED).
    public var isOptional: Bool

    /// A column named `name` of `type`; optional unless told otherwise, because most catalog fields can be missing.
    public init(_ name: String, _ type: ParquetColumnType, optional isOptional: Bool = true) {
        self.name = name
        self.type = type
        self.isOptional = isOptional
    }

    /// The highest definition level of the column's leaf values: how many optional or repeated
    /// ancestors (itself included) a value passes on its way down. Zero means no levels are written.
    var maxDefinitionLevel: Int {
        switch type {
        case .stringList:
            // optional list group (if optional) + repeated `list` group + optional `element`.
            return (isOptional ? 1 : 0) + 2
        default:
            return isOptional ? 1 : 0
        }
    }

    /// The highest repetition level: one for a list column, zero for a flat one.
    var maxRepetitionLevel: Int { type == .stringList ? 1 : 0 }
}

/// A flat schema: an ordered list of top-level columns with distinct names.
public struct ParquetSchema: Sendable, Hashable {
    /// The columns, in the order rows give their values.
    public var columns: [ParquetColumn]

    /// A schema of `columns`; throws when two share a name, which readers would reject or confuse.
    public init(_ columns: [ParquetColumn]) throws {
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            throw ParquetError.duplicateColumn(column.name)
        }
        guard !columns.isEmpty else { throw ParquetError.emptySchema }
        self.columns = columns
    }

    /// The index of the column named `name`, if there is one.
    public func index(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }
}
