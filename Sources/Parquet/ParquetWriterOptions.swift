/// How a `ParquetWriter` lays out its file.
public struct ParquetWriterOptions: Sendable {
    /// Page codec; ZSTD by default: on BIOMEDICA's tables it is 2 to 8 times smaller than Snappy
    /// (see the README's Parquet section) and every current reader has it.
    public var compression: ParquetCompression = .zstd
    /// A row group closes after this many rows.
    public var rowGroupRows: Int = 100_000
    /// ... or once its buffered (compressed) column chunks reach this many bytes, to bound memory.
    public var rowGroupBytes: Int = 128 << 20
    /// A data page closes once its uncompressed levels and values reach this many bytes.
    public var pageBytes: Int = 1 << 20
    /// String columns are dictionary-encoded until a chunk's distinct strings pass this many
    /// bytes (Arrow's default limit too); 0 stores every string PLAIN.
    public var dictionaryPageBytes: Int = 1 << 20
    /// The footer's `created_by`.
    public var createdBy: String = "biomedica"
    /// Key/value pairs for the footer, in this order.
    public var keyValueMetadata: [(key: String, value: String)] = []

    /// The defaults: ZSTD, dictionaries up to 1 MiB, 100,000-row / 128 MiB row groups, 1 MiB pages.
    public init() {}

    /// Defaults with the given changes.
    public init(compression: ParquetCompression = .zstd, rowGroupRows: Int = 100_000,
                rowGroupBytes: Int = 128 << 20, pageBytes: Int = 1 << 20, dictionaryPageBytes: Int = 1 << 20,
                keyValueMetadata: [(key: String, value: String)] = []) {
        self.compression = compression
        self.rowGroupRows = max(1, rowGroupRows)
        self.rowGroupBytes = max(1, rowGroupBytes)
        self.pageBytes = max(1, pageBytes)
        self.dictionaryPageBytes = max(0, dictionaryPageBytes)
        self.keyValueMetadata = keyValueMetadata
    }
}
