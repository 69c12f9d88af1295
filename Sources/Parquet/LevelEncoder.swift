/// Encodes definition and repetition levels with Parquet's RLE / bit-packing hybrid.
///
/// Levels are mostly long runs (all present, all first-in-row), which RLE runs store in two
/// bytes; alternating stretches go into bit-packed groups of eight. Bit-packed runs must hold a
/// multiple of eight values except at the very end, so a long run that starts while a group is
/// half full first lends values to complete it.
public enum LevelEncoder {
    /// A run of equal values at least this long becomes an RLE run rather than bit-packed values.
    static let minRunLength = 8

    /// The number of bits needed for levels up to `maxLevel` (0 for a level that is always 0).
    public static func bitWidth(maxLevel: Int) -> Int {
        maxLevel == 0 ? 0 : (Int.bitWidth - maxLevel.leadingZeroBitCount)
    }

    /// The hybrid encoding of `levels`, without a length prefix.
    public static func encode(_ levels: [UInt8], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        var literals: [UInt8] = []
        var index = 0
        while index < levels.count {
            let value = levels[index]
            var run = 1
            while index + run < levels.count && levels[index + run] == value { run += 1 }
            if run >= minRunLength {
                // Top up a partial bit-packed group from the run so that group can be closed.
                let fill = literals.count % 8 == 0 ? 0 : 8 - literals.count % 8
                for _ in 0..<fill { literals.append(value) }
                index += fill
                run -= fill
                flushBitPacked(&literals, bitWidth: bitWidth, into: &output)
                if run >= minRunLength {
                    appendRLE(value: value, count: run, bitWidth: bitWidth, into: &output)
                } else {
                    for _ in 0..<run { literals.append(value) }
                }
            } else {
                for _ in 0..<run { literals.append(value) }
            }
            index += run
        }
        flushBitPacked(&literals, bitWidth: bitWidth, into: &output)
        return output
    }

    /// The encoding of `levels` with the 4-byte little-endian length prefix data pages v1 use.
    public static func encodeWithLength(_ levels: [UInt8], bitWidth: Int) -> [UInt8] {
        let body = encode(levels, bitWidth: bitWidth)
        let n = UInt32(body.count)
        return [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + body
    }

    /// An RLE run: header `count << 1`, then the value in ceil(bitWidth / 8) little-endian bytes.
    private static func appendRLE(value: UInt8, count: Int, bitWidth: Int, into output: inout [UInt8]) {
        UnsignedVarint.append(UInt64(count) << 1, to: &output)
        let valueBytes = (bitWidth + 7) / 8
        if valueBytes > 0 { output.append(value) }
        for _ in 1..<max(valueBytes, 1) { output.append(0) }
    }

    /// A bit-packed run of all buffered values: header `groups << 1 | 1`, then the values packed
    /// `bitWidth` bits each, least significant bit first, the last group padded with zeros.
    private static func flushBitPacked(_ literals: inout [UInt8], bitWidth: Int, into output: inout [UInt8]) {
        guard !literals.isEmpty else { return }
        let groups = (literals.count + 7) / 8
        UnsignedVarint.append(UInt64(groups) << 1 | 1, to: &output)
        var packed = [UInt8](repeating: 0, count: groups * bitWidth)
        var bit = 0
        for value in literals {
            for b in 0..<bitWidth where value >> b & 1 == 1 {
                packed[(bit + b) >> 3] |= 1 << ((bit + b) & 7)
            }
            bit += bitWidth
        }
        output.append(contentsOf: packed)
        literals.removeAll(keepingCapacity: true)
    }
}
