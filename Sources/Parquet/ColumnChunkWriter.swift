/// Collects one column's values for the current row group and turns them into data pages
/// (v1, RLE-hybrid levels), compressed with the file's codec.
///
/// String values are dictionary-encoded while the chunk's distinct strings stay under the
/// dictionary limit: the chunk opens with a dictionary page and its data pages hold indices
/// (RLE_DICTIONARY). A chunk whose dictionary outgrows the limit finishes the open page and
/// stores the rest of its values PLAIN, as Arrow and parquet-mr do; the next chunk tries again.
/// A chunk whose first page is mostly distinct strings (ids, hashes, captions) stores that page
/// and the rest PLAIN from the start: there indices would only add bits to what ZSTD compresses.
///
/// Pages close at row boundaries once they reach the page size, so a page never splits a list
/// across two pages (some readers assume that), and a row group's column chunk is a run of
/// finished pages held in memory until the row group is written out.
struct ColumnChunkWriter {
    /// The column this writer fills.
    let column: ParquetColumn
    /// The codec for every page.
    let compression: ParquetCompression
    /// A page closes once its levels and values reach this many bytes.
    let pageSize: Int
    /// A chunk's dictionary holds at most about this many bytes before the chunk falls back to PLAIN; 0 for no dictionary.
    let dictionaryLimit: Int

    private let maxDefinition: UInt8
    private let maxRepetition: UInt8
    private let dictionaryEncodes: Bool

    // The open page.
    private var definitionLevels: [UInt8] = []
    private var repetitionLevels: [UInt8] = []
    private var values: [UInt8] = []
    private var indices: [UInt32] = []
    private var boolCount = 0
    private var pageEntries = 0

    // The finished pages of the open chunk.
    private var pages: [UInt8] = []
    private var chunkEntries: Int64 = 0
    private var chunkUncompressed: Int64 = 0
    private var statistics = ColumnStatistics()
    private var dictionary = StringDictionary()
    private var usesDictionary: Bool
    private var pageEncodings: Set<ParquetWire.Encoding> = []

    /// A writer for `column`.
    init(column: ParquetColumn, compression: ParquetCompression, pageSize: Int, dictionaryLimit: Int) {
        self.column = column
        self.compression = compression
        self.pageSize = pageSize
        self.dictionaryLimit = dictionaryLimit
        self.maxDefinition = UInt8(column.maxDefinitionLevel)
        self.maxRepetition = UInt8(column.maxRepetitionLevel)
        self.dictionaryEncodes = dictionaryLimit > 0 && (column.type == .string || column.type == .stringList)
        self.usesDictionary = dictionaryEncodes
    }

    /// Bytes held for the open chunk so far (finished pages plus the open page), for row-group sizing.
    var bufferedBytes: Int { pages.count + openPageBytes + dictionary.plainBytes.count }

    /// The open page's levels and values, indices counted at four bytes.
    private var openPageBytes: Int { values.count + 4 * indices.count + definitionLevels.count + repetitionLevels.count }

    /// Adds the column's value of one row; throws when it does not fit the column.
    mutating func append(_ value: ParquetValue) throws {
        switch (column.type, value) {
        case (_, .null):
            guard column.isOptional else { throw mismatch(value) }
            // A null value (or null list) stops at definition level 0, with no value stored.
            definitionLevels.append(0)
            if maxRepetition > 0 { repetitionLevels.append(0) }
            pageEntries += 1
            statistics.addNull()
        case (.string, .string(let text)):
            appendPresent()
            appendText(text, recordStatistics: true)
        case (.int64, .int64(let number)):
            appendPresent()
            statistics.add(number)
            appendLittleEndian(UInt64(bitPattern: number))
        case (.int32, .int32(let number)):
            appendPresent()
            statistics.add(Int64(number))
            appendLittleEndian(UInt32(bitPattern: number))
        case (.double, .double(let number)):
            appendPresent()
            statistics.add(number)
            appendLittleEndian(number.bitPattern)
        case (.bool, .bool(let flag)):
            appendPresent()
            // PLAIN booleans are bit-packed, least significant bit first.
            if boolCount % 8 == 0 { values.append(0) }
            if flag { values[values.count - 1] |= 1 << UInt8(boolCount % 8) }
            boolCount += 1
        case (.stringList, .stringList(let elements)):
            // Levels relative to the list's own definition: list present = listLevel,
            // element slot present = listLevel + 1, element value present = listLevel + 2.
            let listLevel = maxDefinition - 2
            if elements.isEmpty {
                definitionLevels.append(listLevel)
                repetitionLevels.append(0)
                pageEntries += 1
            }
            for (i, element) in elements.enumerated() {
                repetitionLevels.append(i == 0 ? 0 : 1)
                if let element {
                    definitionLevels.append(maxDefinition)
                    appendText(element)
                } else {
                    definitionLevels.append(listLevel + 1)
                }
                pageEntries += 1
            }
        default:
            throw mismatch(value)
        }
        if usesDictionary && dictionary.plainBytes.count > dictionaryLimit {
            // Whatever the page holds stays dictionary-encoded; the rest of the chunk is PLAIN.
            finishPage()
            usesDictionary = false
        } else if openPageBytes >= pageSize {
            finishPage()
        }
    }

    /// Closes the open chunk: returns its pages and footer entry, given where its first byte lands in the file.
    mutating func finishChunk(fileOffset: Int64) -> (bytes: [UInt8], metadata: ColumnChunkMetadata) {
        finishPage()
        var bytes: [UInt8] = []
        var encodings = pageEncodings.union([.rle])
        var dictionaryPageOffset: Int64?
        if dictionary.count > 0 {
            let body = dictionary.plainBytes
            let stored = compression.compress(body)
            let header = PageHeader(kind: .dictionary(entries: Int32(dictionary.count)), uncompressedSize: Int32(body.count),
                                    compressedSize: Int32(stored.count)).encoded()
            bytes = header + stored
            chunkUncompressed += Int64(header.count + body.count)
            dictionaryPageOffset = fileOffset
            encodings.insert(.plain)
        }
        let metadata = ColumnChunkMetadata(
            physicalType: physicalType, path: path, codec: compression, numValues: chunkEntries,
            totalUncompressedSize: chunkUncompressed, totalCompressedSize: Int64(bytes.count + pages.count),
            dataPageOffset: fileOffset + Int64(bytes.count), dictionaryPageOffset: dictionaryPageOffset,
            encodings: encodings.sorted(),
            nullCount: column.type == .stringList ? nil : statistics.nullCount,
            bounds: statistics.encodedBounds(for: column.type))
        bytes += pages
        pages = []
        chunkEntries = 0
        chunkUncompressed = 0
        statistics = ColumnStatistics()
        dictionary = StringDictionary()
        usesDictionary = dictionaryEncodes
        pageEncodings = []
        return (bytes, metadata)
    }

    // MARK: Pages

    /// Encodes the open page (if it has entries) and appends header and body to the chunk.
    private mutating func finishPage() {
        guard pageEntries > 0 else { return }
        if usesDictionary && chunkEntries == 0 && 2 * dictionary.count > indices.count {
            dictionary.appendPlain(of: indices, to: &values)
            indices.removeAll(keepingCapacity: true)
            dictionary = StringDictionary()
            usesDictionary = false
        }
        var body: [UInt8] = []
        body.reserveCapacity(values.count + indices.count + definitionLevels.count / 4 + 16)
        // Order in a v1 page: repetition levels, definition levels, values.
        if maxRepetition > 0 {
            body += HybridEncoder.encodeWithLength(repetitionLevels, bitWidth: HybridEncoder.bitWidth(maxLevel: Int(maxRepetition)))
        }
        if maxDefinition > 0 {
            body += HybridEncoder.encodeWithLength(definitionLevels, bitWidth: HybridEncoder.bitWidth(maxLevel: Int(maxDefinition)))
        }
        let encoding: ParquetWire.Encoding
        if indices.isEmpty {
            encoding = .plain
            body += values
        } else {
            // Dictionary indices: one byte of bit width, then the hybrid runs, with no length prefix.
            // A width of at least one bit, because some readers mishandle zero-width indices.
            encoding = .rleDictionary
            let bitWidth = max(1, HybridEncoder.bitWidth(maxLevel: dictionary.count - 1))
            body.append(UInt8(bitWidth))
            body += HybridEncoder.encode(indices, bitWidth: bitWidth)
        }
        let stored = compression.compress(body)
        let header = PageHeader(kind: .data(entries: Int32(pageEntries), valueEncoding: encoding),
                                uncompressedSize: Int32(body.count), compressedSize: Int32(stored.count)).encoded()
        pages += header
        pages += stored
        pageEncodings.insert(encoding)
        chunkEntries += Int64(pageEntries)
        chunkUncompressed += Int64(header.count + body.count)
        definitionLevels.removeAll(keepingCapacity: true)
        repetitionLevels.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        boolCount = 0
        pageEntries = 0
    }

    // MARK: Values

    /// Records a present flat value: top definition level, first-in-row repetition level.
    private mutating func appendPresent() {
        if maxDefinition > 0 { definitionLevels.append(maxDefinition) }
        pageEntries += 1
    }

    /// A string value: its dictionary index while the chunk has a dictionary, else a PLAIN byte
    /// array (4-byte little-endian length, then the UTF-8 bytes).
    private mutating func appendText(_ text: String, recordStatistics: Bool = false) {
        var text = text
        if usesDictionary {
            if recordStatistics { text.withUTF8 { statistics.add($0) } }
            indices.append(dictionary.index(of: text))
            return
        }
        text.withUTF8 { utf8 in
            if recordStatistics { statistics.add(utf8) }
            appendLittleEndian(UInt32(utf8.count))
            values.append(contentsOf: utf8)
        }
    }

    /// Appends a fixed-width integer, little-endian.
    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { values.append(contentsOf: $0) }
    }

    private var physicalType: ParquetWire.PhysicalType {
        switch column.type {
        case .string, .stringList: return .byteArray
        case .int64: return .int64
        case .int32: return .int32
        case .double: return .double
        case .bool: return .boolean
        }
    }

    private var path: [String] {
        column.type == .stringList ? [column.name, "list", "element"] : [column.name]
    }

    private func mismatch(_ value: ParquetValue) -> ParquetError {
        let expected: String
        switch column.type {
        case .string: expected = "string"
        case .int64: expected = "int64"
        case .int32: expected = "int32"
        case .double: expected = "double"
        case .bool: expected = "bool"
        case .stringList: expected = "list<string>"
        }
        return .typeMismatch(column: column.name, expected: column.isOptional ? expected : "non-null \(expected)",
                             got: value.kindName)
    }
}
