/// Parquet's RLE / bit-packing hybrid encoding, for definition and repetition levels and for
/// the indices of dictionary-encoded pages.
///
/// Levels are mostly long runs (all present, all first-in-row), which RLE runs store in a few
/// bytes; alternating stretches go into bit-packed groups of eight. Bit-packed runs must hold a
/// multiple of eight values except at the very end, so a long run that starts while a group is
/// half full first lends values to complete it.
public enum HybridEncoder {
    /// A run of equal values at least this long becomes an RLE run rather than bit-packed values.
    static let minRunLength = 8

    /// The number of bits needed for values up to `maxValue` (0 for a value that is always 0).
    public static func bitWidth(maxLevel maxValue: Int) -> Int {
        maxValue == 0 ? 0 : (Int.bitWidth - maxValue.leadingZeroBitCount)
    }

    /// The hybrid encoding of `values`, each at most `bitWidth` bits, without a length prefix.
    public static func encode<Value: FixedWidthInteger & UnsignedInteger>(_ values: [Value], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        var literals: [Value] = []
        var index = 0
        while index < values.count {
            let value = values[index]
            var run = 1
            while index + run < values.count && values[index + run] == value { run += 1 }
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

    /// The encoding of `levels` with the 4-byte little-endian length prefix data pages v1 use for levels.
    public static func encodeWithLength(_ levels: [UInt8], bitWidth: Int) -> [UInt8] {
        let body = encode(levels, bitWidth: bitWidth)
        let n = UInt32(body.count)
        return [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + body
    }

    /// An RLE run: header `count << 1`, then the value in ceil(bitWidth / 8) little-endian bytes.
    private static func appendRLE<Value: FixedWidthInteger & UnsignedInteger>(
        value: Value, count: Int, bitWidth: Int, into output: inout [UInt8]
    ) {
        UnsignedVarint.append(UInt64(count) << 1, to: &output)
        let valueBytes = (bitWidth + 7) / 8
        let wide = UInt64(value)
        for byte in 0..<valueBytes { output.append(UInt8(truncatingIfNeeded: wide >> (8 * byte))) }
    }

    /// A bit-packed run of all buffered values: header `groups << 1 | 1`, then the values packed
    /// `bitWidth` bits each, least significant bit first, the last group padded with zeros.
    private static func flushBitPacked<Value: FixedWidthInteger & UnsignedInteger>(
        _ literals: inout [Value], bitWidth: Int, into output: inout [UInt8]
    ) {
        guard !literals.isEmpty else { return }
        let groups = (literals.count + 7) / 8
        UnsignedVarint.append(UInt64(groups) << 1 | 1, to: &output)
        var packed = [UInt8](repeating: 0, count: groups * bitWidth)
        var bit = 0
        for value in literals {
            let wide = UInt64(value)
            for b in 0..<bitWidth where wide >> b & 1 == 1 {
                packed[(bit + b) >> 3] |= 1 << ((bit + b) & 7)
            }
            bit += bitWidth
        }
        output.append(contentsOf: packed)
        literals.removeAll(keepingCapacity: true)
    }
}
