/// A Snappy compressor (raw format, no framing), as Parquet's SNAPPY codec expects: a varint of
/// the uncompressed length, then a stream of literals and back-references ("copies").
///
/// It works like the reference design in spirit: input is cut into 64 KiB blocks so every copy
/// offset fits two bytes; inside a block a hash table of 4-byte sequences finds earlier
/// occurrences, which are extended as far as they match. When nothing matches for a while the
/// scan strides faster, so incompressible data costs little time.
public enum SnappyCompressor {
    /// Copies never reach across a block start; 64 KiB keeps offsets within two bytes.
    static let blockSize = 1 << 16
    /// Matches shorter than this are not worth a copy element.
    static let minMatch = 4
    /// Hash table size (a power of two); 2^14 slots is plenty for a 64 KiB block.
    static let hashBits = 14

    /// Compresses `input`; the result decompresses with any Snappy implementation.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(32 + input.count + input.count / 6)
        UnsignedVarint.append(UInt64(input.count), to: &output)
        guard !input.isEmpty else { return output }
        var table = [Int32](repeating: -1, count: 1 << hashBits)
        input.withUnsafeBufferPointer { source in
            var blockStart = 0
            while blockStart < source.count {
                let blockEnd = min(blockStart + blockSize, source.count)
                compressBlock(source, from: blockStart, to: blockEnd, table: &table, into: &output)
                blockStart = blockEnd
            }
        }
        return output
    }

    /// The 4 bytes at `index`, little-endian, as one number to hash and compare.
    @inline(__always)
    private static func load32(_ p: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32 {
        UInt32(p[index]) | UInt32(p[index + 1]) << 8 | UInt32(p[index + 2]) << 16 | UInt32(p[index + 3]) << 24
    }

    /// A multiplicative hash of 4 bytes into the table's index range.
    @inline(__always)
    private static func hash(_ value: UInt32) -> Int {
        Int((value &* 0x1E35_A7BD) >> (32 - UInt32(hashBits)))
    }

    /// Compresses `source[start..<end]`, whose copies may only point inside the same range.
    private static func compressBlock(_ source: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                      table: inout [Int32], into output: inout [UInt8]) {
        // Positions in the table are relative to the block, so a fresh block must not see old ones.
        for i in table.indices { table[i] = -1 }
        var literalStart = start
        // The last bytes are always emitted as a literal: a 4-byte load needs 4 bytes left.
        let matchLimit = end - minMatch
        var position = start
        var misses = 32
        while position <= matchLimit {
            let current = load32(source, position)
            let slot = hash(current)
            let candidate = table[slot]
            table[slot] = Int32(position - start)
            if candidate >= 0 {
                let candidatePosition = start + Int(candidate)
                if load32(source, candidatePosition) == current {
                    // Extend the match past the first 4 bytes.
                    var length = minMatch
                    while position + length < end && source[candidatePosition + length] == source[position + length] {
                        length += 1
                    }
                    if literalStart < position {
                        emitLiteral(source, from: literalStart, to: position, into: &output)
                    }
                    emitCopy(offset: position - candidatePosition, length: length, into: &output)
                    position += length
                    literalStart = position
                    misses = 32
                    // Seed the table with the position just before the new one so runs keep matching.
                    if position - 1 <= matchLimit && position - 1 > start {
                        table[hash(load32(source, position - 1))] = Int32(position - 1 - start)
                    }
                    continue
                }
            }
            // No match: step further the longer we go without one (every 32 misses, one byte more).
            position += misses >> 5
            misses += 1
        }
        if literalStart < end {
            emitLiteral(source, from: literalStart, to: end, into: &output)
        }
    }

    /// Appends a literal element: a tag with the length (inline below 61, else 1-4 extra bytes), then the bytes.
    private static func emitLiteral(_ source: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                    into output: inout [UInt8]) {
        let n = end - start - 1
        if n < 60 {
            output.append(UInt8(n << 2))
        } else {
            var extra: [UInt8] = []
            var v = n
            while v > 0 {
                extra.append(UInt8(truncatingIfNeeded: v))
                v >>= 8
            }
            output.append(UInt8((59 + extra.count) << 2))
            output.append(contentsOf: extra)
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<end]))
    }

    /// Appends copy elements for a match; long matches are split into pieces of at most 64 bytes,
    /// keeping the last piece at least 4 long so it stays a valid, compact copy.
    private static func emitCopy(offset: Int, length: Int, into output: inout [UInt8]) {
        var remaining = length
        while remaining >= 68 {
            emitCopyPiece(offset: offset, length: 64, into: &output)
            remaining -= 64
        }
        if remaining > 64 {
            emitCopyPiece(offset: offset, length: 60, into: &output)
            remaining -= 60
        }
        emitCopyPiece(offset: offset, length: remaining, into: &output)
    }

    /// One copy element: the 2-byte form (tag 01, 4...11 bytes, offset under 2048) when it fits,
    /// else the 3-byte form (tag 10, 1...64 bytes, 16-bit offset).
    private static func emitCopyPiece(offset: Int, length: Int, into output: inout [UInt8]) {
        if length >= 4 && length <= 11 && offset < 2048 {
            output.append(UInt8((offset >> 8) << 5 | (length - 4) << 2 | 0b01))
            output.append(UInt8(truncatingIfNeeded: offset))
        } else {
            output.append(UInt8((length - 1) << 2 | 0b10))
            output.append(UInt8(truncatingIfNeeded: offset))
            output.append(UInt8(truncatingIfNeeded: offset >> 8))
        }
    }
}
