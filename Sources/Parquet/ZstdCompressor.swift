import CZstd

/// Zstandard compression of Parquet pages (codec ZSTD), through libzstd's one-shot API.
///
/// ZSTD finds repeats anywhere in a page (Snappy only within 64 KiB blocks), which is what
/// makes a column of long texts repeated on consecutive rows, such as an article's full text
/// beside each of its figures, cost about one copy per page.
public enum ZstdCompressor {
    /// Level 3 is zstd's own default: on the corpus's sample table level 9 is 5% smaller and
    /// level 19 9%, each several times slower, for tables rewritten on every build.
    public static let defaultLevel: Int32 = 3

    /// The ZSTD frame of `input` at `level`.
    public static func compress(_ input: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { destination in
            input.withUnsafeBytes { source in
                ZSTD_compress(destination.baseAddress, bound, source.baseAddress, source.count, level)
            }
        }
        // Compressing into a buffer of ZSTD_compressBound bytes cannot fail short of memory exhaustion.
        precondition(ZSTD_isError(written) == 0, "ZSTD_compress: \(String(cString: ZSTD_getErrorName(written)))")
        output.removeSubrange(written...)
        return output
    }
}
