/// A small Snappy decoder, used only by the tests to check that `SnappyCompressor` output
/// decompresses to its input. Written from the format description; strict about bounds so a
/// malformed stream fails the test instead of crashing it.
enum SnappyDecoder {
    /// Why a stream could not be decoded.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// Decodes a raw (unframed) Snappy stream.
    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        var position = 0
        func byte() throws -> UInt8 {
            guard position < input.count else { throw Malformed(description: "truncated at \(position)") }
            defer { position += 1 }
            return input[position]
        }
        // Preamble: the uncompressed length as a varint.
        var expected = 0
        var shift = 0
        while true {
            let b = try byte()
            expected |= Int(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            guard shift < 64 else { throw Malformed(description: "length varint too long") }
        }
        var output: [UInt8] = []
        output.reserveCapacity(expected)
        while position < input.count {
            let tag = try byte()
            switch tag & 0b11 {
            case 0b00:  // literal
                var length = Int(tag >> 2)
                if length >= 60 {
                    let extra = length - 59
                    length = 0
                    for i in 0..<extra { length |= Int(try byte()) << (8 * i) }
                }
                length += 1
                guard position + length <= input.count else { throw Malformed(description: "literal past end") }
                output.append(contentsOf: input[position..<position + length])
                position += length
            case 0b01:  // copy, 1-byte offset
                let length = Int((tag >> 2) & 0b111) + 4
                let offset = Int(tag >> 5) << 8 | Int(try byte())
                try copy(offset: offset, length: length, into: &output)
            case 0b10:  // copy, 2-byte offset
                let length = Int(tag >> 2) + 1
                let offset = Int(try byte()) | Int(try byte()) << 8
                try copy(offset: offset, length: length, into: &output)
            default:  // copy, 4-byte offset
                let length = Int(tag >> 2) + 1
                var offset = 0
                for i in 0..<4 { offset |= Int(try byte()) << (8 * i) }
                try copy(offset: offset, length: length, into: &output)
            }
        }
        guard output.count == expected else {
            throw Malformed(description: "decoded \(output.count) bytes, preamble says \(expected)")
        }
        return output
    }

    /// Appends `length` bytes starting `offset` back; byte by byte because copies may overlap themselves.
    private static func copy(offset: Int, length: Int, into output: inout [UInt8]) throws {
        guard offset > 0, offset <= output.count else { throw Malformed(description: "bad copy offset \(offset)") }
        let start = output.count - offset
        for i in 0..<length { output.append(output[start + i]) }
    }
}
