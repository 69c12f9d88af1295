import Parquet
import Testing

/// The RLE / bit-packing hybrid, checked against bytes worked out from the Parquet encoding spec.
struct HybridEncoderTests {
    @Test func bitWidths() {
        #expect(HybridEncoder.bitWidth(maxLevel: 0) == 0)
        #expect(HybridEncoder.bitWidth(maxLevel: 1) == 1)
        #expect(HybridEncoder.bitWidth(maxLevel: 2) == 2)
        #expect(HybridEncoder.bitWidth(maxLevel: 3) == 2)
        #expect(HybridEncoder.bitWidth(maxLevel: 4) == 3)
    }

    @Test func longRunIsOneRLERun() {
        // Header 10 << 1 = 0x14, then the value in one byte.
        #expect(HybridEncoder.encode([UInt8](repeating: 1, count: 10), bitWidth: 1) == [0x14, 0x01])
        // 300 << 1 = 600 = varint 0xD8 0x04.
        #expect(HybridEncoder.encode([UInt8](repeating: 3, count: 300), bitWidth: 2) == [0xD8, 0x04, 0x03])
    }

    @Test func alternatingValuesAreBitPacked() {
        // One group of eight: header 1 << 1 | 1 = 0x03; bits LSB first: 1,0,1,0,... = 0x55.
        #expect(HybridEncoder.encode([1, 0, 1, 0, 1, 0, 1, 0] as [UInt8], bitWidth: 1) == [0x03, 0x55])
        // A short tail is padded with zeros: 3,3,1 at two bits = 0b01_11_11, second byte empty.
        #expect(HybridEncoder.encode([3, 3, 1] as [UInt8], bitWidth: 2) == [0x03, 0x1F, 0x00])
    }

    @Test func runAfterLiteralsTopsUpTheGroupFirst() {
        // 0,1,2 then twelve 3s: five 3s complete the first group (0xE4 0xFF), the remaining seven
        // are too short for a run and go into a final, padded group (0xFF 0x3F).
        let levels: [UInt8] = [0, 1, 2] + [UInt8](repeating: 3, count: 12)
        #expect(HybridEncoder.encode(levels, bitWidth: 2) == [0x03, 0xE4, 0xFF, 0x03, 0xFF, 0x3F])
        // With a longer run the rest becomes an RLE run: 20 - 5 = 15 -> header 30 = 0x1E.
        let longer: [UInt8] = [0, 1, 2] + [UInt8](repeating: 3, count: 20)
        #expect(HybridEncoder.encode(longer, bitWidth: 2) == [0x03, 0xE4, 0xFF, 0x1E, 0x03])
    }

    @Test func lengthPrefixIsFourBytesLittleEndian() {
        #expect(HybridEncoder.encodeWithLength([UInt8](repeating: 1, count: 10), bitWidth: 1) == [0x02, 0, 0, 0, 0x14, 0x01])
        #expect(HybridEncoder.encodeWithLength([], bitWidth: 1) == [0, 0, 0, 0])
    }

    @Test func dictionaryIndicesWiderThanAByte() {
        // The spec's example: 0...7 at 3 bits bit-pack to 10001000 11000110 11111010.
        #expect(HybridEncoder.encode([UInt32](0..<8), bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
        // An RLE run of index 1000 at 10 bits stores the value in two little-endian bytes.
        #expect(HybridEncoder.encode([UInt32](repeating: 1_000, count: 10), bitWidth: 10) == [0x14, 0xE8, 0x03])
        // 17 bits: index 0x1_0001 then seven zeros, packed least significant bit first, padded to 17 bytes.
        var expected: [UInt8] = [0x03, 0x01, 0x00, 0x01]
        expected += [UInt8](repeating: 0, count: 14)
        #expect(HybridEncoder.encode([0x1_0001, 0, 0, 0, 0, 0, 0, 0] as [UInt32], bitWidth: 17) == expected)
    }
}
