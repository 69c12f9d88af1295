/// How a `ParquetWriter` lays out its file.
public struct ParquetWriterOptions: Sendable {
    /// Page codec; Snappy by default, as most Parquet writers do: cheap to decode and widely supported.
    public var compression: ParquetCompression = .snappy
    /// A row group closes after this many rows.
    public var rowGroupRows: Int = 100_000
    /// ... or once its buffered (compressed) column chunks reach this many bytes, to bound memory.
    public var rowGroupBytes: Int = 128 << 20
    /// A data page closes once its uncompressed levels and values reach this many bytes.
    public var pageBytes: Int = 1 << 20
    /// The footer's `created_by`.
    public var createdBy: String = "biomedica"
    /// Key/value pairs for the footer, in this order.
    public var keyValueMetadata: [(key: String, value: String)] = []

    /// The defaults: Snappy, 100,000-row / 128 MiB row groups, 1 MiB pages.
    public init() {}

    /// Defaults with the given changes.
    public init(compression: ParquetCompression = .snappy, rowGroupRows: Int = 100_000,
                rowGroupBytes: Int = 128 << 20, pageBytes: Int = 1 << 20,
                keyValueMetadata: [(key: String, value: String)] = []) {
        self.compression = compression
        self.rowGroupRows = max(1, rowGroupRows)
        self.rowGroupBytes = max(1, rowGroupBytes)
        self.pageBytes = max(1, pageBytes)
        self.keyValueMetadata = keyValueMetadata
    }
}
