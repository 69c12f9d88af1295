import Parquet
import Testing

/// The compressor's output must decode to its input, and compress what is compressible.
struct SnappyCompressorTests {
    /// A deterministic pseudo-random generator so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func emptyInputIsJustTheLengthPreamble() throws {
        let compressed = SnappyCompressor.compress([])
        #expect(compressed == [0])
        #expect(try SnappyDecoder.decompress(compressed) == [])
    }

    @Test(arguments: [1, 3, 4, 5, 59, 60, 61, 255, 256, 300, 65_535, 65_536, 65_537, 200_000])
    func randomBytesRoundTrip(count: Int) throws {
        var rng = SplitMix(state: UInt64(count))
        let input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let compressed = SnappyCompressor.compress(input)
        #expect(try SnappyDecoder.decompress(compressed) == input)
        // Incompressible input may grow only by the small framing overhead.
        #expect(compressed.count <= 32 + count + count / 6)
    }

    @Test func repetitiveInputShrinksAndRoundTrips() throws {
        let text = Array(String(repeating: "Staphylococcus aureus biofilm, figure 3B. ", count: 5_000).utf8)
        let compressed = SnappyCompressor.compress(text)
        #expect(try SnappyDecoder.decompress(compressed) == text)
        #expect(compressed.count < text.count / 10)

        let zeros = [UInt8](repeating: 0, count: 300_000)
        let compressedZeros = SnappyCompressor.compress(zeros)
        #expect(try SnappyDecoder.decompress(compressedZeros) == zeros)
        #expect(compressedZeros.count < 20_000)
    }

    @Test func mixedInputRoundTrips() throws {
        // Stretches of random bytes between repeated phrases exercise literal/copy switching,
        // short and long copies, near and far offsets, and 64 KiB block edges.
        var rng = SplitMix(state: 42)
        var input: [UInt8] = []
        let phrases = ["caption", "Figure 1. ", "α-toxin 🦠", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"].map { Array($0.utf8) }
        while input.count < 400_000 {
            input += phrases[Int.random(in: 0..<phrases.count, using: &rng)]
            input += (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if input.count > 1_000 && Bool.random(using: &rng) {
                let start = Int.random(in: 0..<(input.count - 500), using: &rng)
                input += input[start..<start + Int.random(in: 1...500, using: &rng)]
            }
        }
        let compressed = SnappyCompressor.compress(input)
        #expect(try SnappyDecoder.decompress(compressed) == input)
        #expect(compressed.count < input.count)
    }

    @Test func knownSmallStreams() {
        // One literal "a": preamble 1, tag (1-1)<<2 = 0, byte.
        #expect(SnappyCompressor.compress([0x61]) == [0x01, 0x00, 0x61])
        // 20 x "a": literal of the first 4... at least decodes and is shorter than a plain literal.
        let run = [UInt8](repeating: 0x61, count: 20)
        #expect(SnappyCompressor.compress(run).count < 1 + 1 + 20)
    }
}
