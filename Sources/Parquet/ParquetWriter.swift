import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes rows to a Parquet file, streaming: rows are buffered per column until a row group is
/// full, then that group goes to disk, so memory stays near one row group whatever the file size.
///
/// The file is written as `PATH.partial` and renamed to `PATH` by `close()`, so a crashed or
/// aborted run never leaves a truncated file under the final name. Output is deterministic:
/// the same rows and options give byte-identical files.
///
/// Not thread-safe; use from one task at a time (it is not `Sendable`).
public final class ParquetWriter {
    /// The schema rows follow.
    public let schema: ParquetSchema
    /// The layout options.
    public let options: ParquetWriterOptions
    /// Where the finished file goes.
    public let url: URL
    /// Where the file grows until `close()`.
    public let partialURL: URL

    private var handle: FileHandle?
    private var columns: [ColumnChunkWriter]
    private var bufferedRows = 0
    private var offset: Int64 = 0
    private var rowGroups: [RowGroupMetadata] = []

    /// The number of rows written so far, buffered ones included.
    public private(set) var rowCount = 0

    /// Starts a file at `url` (written as `url.partial` until `close()`); an old partial file is replaced.
    public init(url: URL, schema: ParquetSchema, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        self.url = url
        self.schema = schema
        self.options = options
        self.partialURL = URL(fileURLWithPath: url.path + ".partial")
        self.columns = schema.columns.map {
            ColumnChunkWriter(column: $0, compression: options.compression, pageSize: options.pageBytes,
                              dictionaryLimit: options.dictionaryPageBytes)
        }
        let fm = FileManager.default
        try? fm.removeItem(at: partialURL)
        guard fm.createFile(atPath: partialURL.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: partialURL.path) else {
            throw ParquetError.io("cannot create \(partialURL.path)")
        }
        self.handle = handle
        try write(Array("PAR1".utf8))
    }

    /// Convenience for a path string.
    public convenience init(path: String, schema: ParquetSchema, options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        try self.init(url: URL(fileURLWithPath: path), schema: schema, options: options)
    }

    deinit {
        // A writer dropped without close() leaves no partial file behind.
        if handle != nil { abort() }
    }

    /// Adds one row: a value per schema column, in schema order.
    public func write(row: [ParquetValue]) throws {
        guard handle != nil else { throw ParquetError.closed }
        guard row.count == columns.count else { throw ParquetError.rowWidth(expected: columns.count, got: row.count) }
        // Check the whole row before touching any column, so a bad row leaves no half-written trace.
        for (column, value) in zip(schema.columns, row) { try Self.validate(value, for: column) }
        for i in columns.indices { try columns[i].append(row[i]) }
        bufferedRows += 1
        rowCount += 1
        if bufferedRows >= options.rowGroupRows || bufferedBytes >= options.rowGroupBytes {
            try flushRowGroup()
        }
    }

    /// Adds rows in order.
    public func write(rows: some Sequence<[ParquetValue]>) throws {
        for row in rows { try write(row: row) }
    }

    /// Writes the buffered rows (if any) as a row group now, e.g. to align groups with a logical batch.
    public func flushRowGroup() throws {
        guard handle != nil else { throw ParquetError.closed }
        guard bufferedRows > 0 else { return }
        var chunks: [ColumnChunkMetadata] = []
        for i in columns.indices {
            let (bytes, metadata) = columns[i].finishChunk(fileOffset: offset)
            try write(bytes)
            chunks.append(metadata)
        }
        rowGroups.append(RowGroupMetadata(columns: chunks, numRows: Int64(bufferedRows), ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        bufferedRows = 0
    }

    /// Writes the last row group and the footer, then renames the partial file to its final name.
    public func close() throws {
        guard let handle else { throw ParquetError.closed }
        try flushRowGroup()
        let footer = FileMetadata(schema: schema, rowGroups: rowGroups,
                                  keyValues: options.keyValueMetadata.map { ($0.key, $0.value) },
                                  createdBy: options.createdBy).encoded()
        let length = UInt32(footer.count)
        try write(footer + [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
                  + Array("PAR1".utf8))
        do {
            try handle.synchronize()
            try handle.close()
            self.handle = nil
        } catch {
            throw ParquetError.io("finishing \(url.path): \(error)")
        }
        // One rename over the old table: a reader sees it or the new one, never neither.
        guard rename(partialURL.path, url.path) == 0 else {
            throw ParquetError.io("finishing \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Stops writing and removes the partial file.
    public func abort() {
        try? handle?.close()
        handle = nil
        try? FileManager.default.removeItem(at: partialURL)
    }

    // MARK: Private

    private var bufferedBytes: Int { columns.reduce(0) { $0 + $1.bufferedBytes } }

    private func write(_ bytes: [UInt8]) throws {
        guard let handle else { throw ParquetError.closed }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw ParquetError.io("writing \(partialURL.path): \(error)")
        }
        offset += Int64(bytes.count)
    }

    /// Whether `value` fits `column`, checked up front by `write(row:)`.
    private static func validate(_ value: ParquetValue, for column: ParquetColumn) throws {
        let fits: Bool
        switch (column.type, value) {
        case (_, .null): fits = column.isOptional
        case (.string, .string), (.int64, .int64), (.int32, .int32), (.double, .double),
             (.bool, .bool), (.stringList, .stringList): fits = true
        default: fits = false
        }
        if !fits {
            throw ParquetError.typeMismatch(column: column.name, expected: "\(column.type)\(column.isOptional ? "" : " (required)")",
                                            got: value.kindName)
        }
    }
}
