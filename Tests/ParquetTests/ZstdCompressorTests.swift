import CZstd
import Parquet
import Testing

/// ZSTD frames from the compressor, decoded by libzstd's own decoder.
struct ZstdCompressorTests {
    private func decompress(_ frame: [UInt8], size: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { destination in
            frame.withUnsafeBytes { ZSTD_decompress(destination.baseAddress, size, $0.baseAddress, $0.count) }
        }
        #expect(ZSTD_isError(written) == 0)
        return Array(output.prefix(written))
    }

    @Test func roundTripsAndFindsRepeatsFarApart() {
        // A 60 kB text twice, a megabyte apart in spirit of a full text beside each figure of an article.
        var rng = SnappyCompressorTests.SplitMix(state: 7)
        let text = (0..<60_000).map { _ in UInt8.random(in: 97...122, using: &rng) }
        let page = text + text + text
        let frame = ZstdCompressor.compress(page)
        #expect(decompress(frame, size: page.count) == page)
        // Random letters compress to about 5 bits each, and the two repeats to almost nothing.
        #expect(frame.count < text.count)
        #expect(SnappyCompressor.compress(page).count > 2 * text.count)
    }

    @Test func emptyInputIsAFrame() {
        let frame = ZstdCompressor.compress([])
        #expect(!frame.isEmpty)
        #expect(decompress(frame, size: 0) == [])
    }
}
