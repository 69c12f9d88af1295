/// Parquet's enum values as they appear on the wire (from parquet.thrift).
enum ParquetWire {
    /// Physical types.
    enum PhysicalType: Int32 { case boolean = 0, int32 = 1, int64 = 2, double = 5, byteArray = 6 }
    /// Field repetition of a schema element.
    enum Repetition: Int32 { case required = 0, optional = 1, repeated = 2 }
    /// Legacy annotations, still written because older readers only understand these.
    enum ConvertedType: Int32 { case utf8 = 0, list = 3 }
    /// Value and level encodings.
    enum Encoding: Int32, Comparable {
        case plain = 0, rle = 3, rleDictionary = 8
        static func < (a: Encoding, b: Encoding) -> Bool { a.rawValue < b.rawValue }
    }
    /// Page kinds.
    enum PageType: Int32 { case dataPage = 0, dictionaryPage = 2 }
}

/// The compression codecs this writer can produce.
public enum ParquetCompression: Int32, Sendable {
    /// Pages stored as they are.
    case uncompressed = 0
    /// Pages compressed with Snappy (`SnappyCompressor`): fast, and read by every Parquet reader.
    case snappy = 1
    /// Pages compressed with Zstandard (`ZstdCompressor`): smaller, read by pyarrow, DuckDB,
    /// polars and Spark 3.2 or later.
    case zstd = 6

    /// `bytes` as this codec stores them.
    func compress(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .uncompressed: return bytes
        case .snappy: return SnappyCompressor.compress(bytes)
        case .zstd: return ZstdCompressor.compress(bytes)
        }
    }
}

/// The header in front of each page: a data page (v1) or a column chunk's dictionary page.
struct PageHeader {
    /// What the page holds.
    enum Kind {
        /// Levels and values; `entries` counts level entries (values plus nulls plus empty lists),
        /// and the values are PLAIN or RLE_DICTIONARY indices into the chunk's dictionary.
        case data(entries: Int32, valueEncoding: ParquetWire.Encoding)
        /// The chunk's distinct strings, PLAIN-encoded.
        case dictionary(entries: Int32)
    }

    /// What the page holds.
    var kind: Kind
    /// Page size before compression.
    var uncompressedSize: Int32
    /// Page size as stored.
    var compressedSize: Int32

    /// The compact-protocol bytes of the PageHeader struct.
    func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        switch kind {
        case .data: w.writeField(1, i32: ParquetWire.PageType.dataPage.rawValue)
        case .dictionary: w.writeField(1, i32: ParquetWire.PageType.dictionaryPage.rawValue)
        }
        w.writeField(2, i32: uncompressedSize)
        w.writeField(3, i32: compressedSize)
        switch kind {
        case .data(let entries, let valueEncoding):
            w.writeField(5, struct: { d in
                d.writeField(1, i32: entries)
                d.writeField(2, i32: valueEncoding.rawValue)
                d.writeField(3, i32: ParquetWire.Encoding.rle.rawValue)  // definition levels
                d.writeField(4, i32: ParquetWire.Encoding.rle.rawValue)  // repetition levels
            })
        case .dictionary(let entries):
            w.writeField(7, struct: { d in
                d.writeField(1, i32: entries)
                d.writeField(2, i32: ParquetWire.Encoding.plain.rawValue)
            })
        }
        w.writeStop()  // PageHeader is a top-level struct
        return w.bytes
    }
}

/// What the footer records about one column chunk (ColumnChunk + ColumnMetaData).
struct ColumnChunkMetadata: Sendable {
    /// The leaf's physical type.
    var physicalType: ParquetWire.PhysicalType
    /// The leaf's path from the root, e.g. ["keywords", "list", "element"].
    var path: [String]
    /// The chunk's codec.
    var codec: ParquetCompression
    /// Level entries across all pages.
    var numValues: Int64
    /// Bytes of all pages, headers included, before compression.
    var totalUncompressedSize: Int64
    /// Bytes of all pages, headers included, as stored.
    var totalCompressedSize: Int64
    /// File offset of the first data page.
    var dataPageOffset: Int64
    /// File offset of the dictionary page, which opens the chunk, when it has one.
    var dictionaryPageOffset: Int64?
    /// The encodings of the chunk's pages, levels included.
    var encodings: [ParquetWire.Encoding]
    /// Nulls among the values, for flat columns only (list nulls are ambiguous, so left out).
    var nullCount: Int64?
    /// PLAIN-encoded min and max of the chunk's values, when known.
    var bounds: (min: [UInt8], max: [UInt8])?

    /// Where the chunk's first page starts.
    var chunkOffset: Int64 { dictionaryPageOffset ?? dataPageOffset }

    /// Writes the ColumnChunk struct's fields.
    func write(to w: inout ThriftCompactWriter) {
        // file_offset (deprecated) pointed at the chunk's metadata; writers today put the chunk start here.
        w.writeField(2, i64: chunkOffset)
        w.writeField(3, struct: { m in
            m.writeField(1, i32: physicalType.rawValue)
            m.writeField(2, i32List: encodings.map(\.rawValue))
            m.writeField(3, stringList: path)
            m.writeField(4, i32: codec.rawValue)
            m.writeField(5, i64: numValues)
            m.writeField(6, i64: totalUncompressedSize)
            m.writeField(7, i64: totalCompressedSize)
            m.writeField(9, i64: dataPageOffset)
            if let dictionaryPageOffset { m.writeField(11, i64: dictionaryPageOffset) }
            if nullCount != nil || bounds != nil {
                m.writeField(12, struct: { s in
                    if let nullCount { s.writeField(3, i64: nullCount) }
                    if let bounds {
                        s.writeField(5, binary: bounds.max)  // max_value
                        s.writeField(6, binary: bounds.min)  // min_value
                    }
                })
            }
        })
    }
}

/// What the footer records about one row group.
struct RowGroupMetadata: Sendable {
    /// One entry per leaf column, in schema order.
    var columns: [ColumnChunkMetadata]
    /// Rows in the group.
    var numRows: Int64
    /// Position of the group in the file (its index), which readers may use to order groups.
    var ordinal: Int16

    /// Writes the RowGroup struct's fields.
    func write(to w: inout ThriftCompactWriter) {
        w.writeField(1, structs: columns) { w, column in column.write(to: &w) }
        w.writeField(2, i64: columns.reduce(0) { $0 + $1.totalUncompressedSize })
        w.writeField(3, i64: numRows)
        w.writeField(5, i64: columns.first?.chunkOffset ?? 0)
        w.writeField(6, i64: columns.reduce(0) { $0 + $1.totalCompressedSize })
        w.writeField(7, i16: ordinal)
    }
}

/// The file footer (FileMetaData): schema, row groups, writer name.
struct FileMetadata: Sendable {
    /// The schema the file was written with.
    var schema: ParquetSchema
    /// All row groups, in file order.
    var rowGroups: [RowGroupMetadata]
    /// Free-form key/value pairs (e.g. dataset version), kept in the given order for determinism.
    var keyValues: [(String, String)]
    /// Who wrote the file.
    var createdBy: String

    /// The compact-protocol bytes of FileMetaData.
    func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        w.writeField(1, i32: 1)  // format version 1: data pages v1 only
        w.writeField(2, structs: schemaElements()) { w, element in element.write(to: &w) }
        w.writeField(3, i64: rowGroups.reduce(0) { $0 + $1.numRows })
        w.writeField(4, structs: rowGroups) { w, group in group.write(to: &w) }
        if !keyValues.isEmpty {
            w.writeField(5, structs: keyValues) { w, pair in
                w.writeField(1, string: pair.0)
                w.writeField(2, string: pair.1)
            }
        }
        w.writeField(6, string: createdBy)
        // One ColumnOrder per leaf, each TYPE_DEFINED_ORDER: without it readers must distrust min_value/max_value.
        let leafCount = schema.columns.count
        w.writeField(7, structs: Array(repeating: (), count: leafCount)) { w, _ in
            w.writeField(1, struct: { _ in })
        }
        w.writeStop()
        return w.bytes
    }

    /// The schema flattened depth-first, as Parquet stores it: the root, then each column and its children.
    func schemaElements() -> [SchemaElement] {
        var elements = [SchemaElement(name: "schema", numChildren: Int32(schema.columns.count))]
        for column in schema.columns {
            let repetition: ParquetWire.Repetition = column.isOptional ? .optional : .required
            switch column.type {
            case .stringList:
                elements.append(SchemaElement(name: column.name, repetition: repetition, numChildren: 1,
                                              convertedType: .list, logicalType: .list))
                elements.append(SchemaElement(name: "list", repetition: .repeated, numChildren: 1))
                elements.append(SchemaElement(name: "element", type: .byteArray, repetition: .optional,
                                              convertedType: .utf8, logicalType: .string))
            case .string:
                elements.append(SchemaElement(name: column.name, type: .byteArray, repetition: repetition,
                                              convertedType: .utf8, logicalType: .string))
            case .int64:
                elements.append(SchemaElement(name: column.name, type: .int64, repetition: repetition))
            case .int32:
                elements.append(SchemaElement(name: column.name, type: .int32, repetition: repetition))
            case .double:
                elements.append(SchemaElement(name: column.name, type: .double, repetition: repetition))
            case .bool:
                elements.append(SchemaElement(name: column.name, type: .boolean, repetition: repetition))
            }
        }
        return elements
    }
}

/// One node of the flattened schema tree.
struct SchemaElement {
    /// The LogicalType union members this writer uses (union field ids from parquet.thrift).
    enum LogicalType: Int16 { case string = 1, list = 3 }

    var name: String
    var type: ParquetWire.PhysicalType? = nil
    var repetition: ParquetWire.Repetition? = nil
    var numChildren: Int32? = nil
    var convertedType: ParquetWire.ConvertedType? = nil
    var logicalType: LogicalType? = nil

    /// Writes the SchemaElement struct's fields.
    func write(to w: inout ThriftCompactWriter) {
        if let type { w.writeField(1, i32: type.rawValue) }
        if let repetition { w.writeField(3, i32: repetition.rawValue) }
        w.writeField(4, string: name)
        if let numChildren { w.writeField(5, i32: numChildren) }
        if let convertedType { w.writeField(6, i32: convertedType.rawValue) }
        if let logicalType {
            // A union is a struct with exactly one field set; STRING and LIST are empty structs.
            w.writeField(10, struct: { u in u.writeField(logicalType.rawValue, struct: { _ in }) })
        }
    }
}
