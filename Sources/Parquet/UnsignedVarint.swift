/// The unsigned LEB128 varint (7 bits a byte, low bits first) that Thrift's compact protocol,
/// the RLE level runs and Snappy's length preamble all use.
enum UnsignedVarint {
    /// Appends `value` to `output`.
    static func append(_ value: UInt64, to output: inout [UInt8]) {
        var remaining = value
        while remaining >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        output.append(UInt8(remaining))
    }
}
