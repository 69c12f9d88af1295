import Foundation

/// What a Parquet file's footer says of it, read without reading its pages: enough to check a
/// table against what it should hold. Read from any writer's file, not only ours.
public struct ParquetFooter: Sendable, Equatable {
    /// Rows in the file (`FileMetaData.num_rows`).
    public var rows: Int64

    /// The footer of the file at `url`.
    /// - Throws: `ParquetError.unreadable` when the file is not Parquet (no `PAR1` at either end,
    ///   a footer length past the file) or its footer does not decode.
    public init(of url: URL) throws(ParquetError) {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .unreadable(url.path, "\(error.localizedDescription)")
        }
        let magic = Data("PAR1".utf8)
        guard bytes.count >= 12, bytes.prefix(4) == magic, bytes.suffix(4) == magic else {
            throw .unreadable(url.path, "no PAR1 at both ends: not a Parquet file")
        }
        let lengthBytes = bytes[bytes.count - 8..<bytes.count - 4]
        let length = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, length <= bytes.count - 12 else {
            throw .unreadable(url.path, "a footer of \(length) bytes does not fit the file")
        }
        var reader = ThriftCompactReader(bytes: [UInt8](bytes[bytes.count - 8 - length..<bytes.count - 8]))
        var rows: Int64?
        do {
            try reader.readStruct { id, type, reader in
                if id == 3 && type == .i64 { rows = try reader.readI64() } else { try reader.skip(type) }
            }
        } catch {
            throw .unreadable(url.path, "its footer does not decode: \(error)")
        }
        guard let rows else { throw .unreadable(url.path, "its footer has no row count") }
        self.rows = rows
    }
}
