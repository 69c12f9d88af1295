/// One 512-byte POSIX ustar header for a regular file, built and parsed byte by byte.
///
/// Only the fields a WebDataset shard needs are variable (name, size, mtime); everything else is
/// fixed (mode 0644, uid/gid 0, empty owner names) so two runs over the same samples write the
/// same bytes.
struct TarHeader: Sendable, Equatable {
    static let blockSize = 512

    /// The member name as stored: `prefix/name` when `prefix` is non-empty.
    var prefix: [UInt8]
    var name: [UInt8]
    var size: Int
    var modificationTime: Int
    var typeFlag: UInt8 = UInt8(ascii: "0")

    /// The full path, as readers see it.
    var path: [UInt8] { prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name }

    /// Largest value 11 octal digits hold; bigger sizes would need GNU or pax extensions.
    static let maxOctal11 = (1 << 33) - 1

    /// Splits `path` into ustar's prefix (155 bytes) and name (100 bytes) fields.
    ///
    /// Why split at the last possible `/`: it keeps the name field as long as allowed, which is
    /// what GNU tar and Python's tarfile do, so all three agree on the bytes.
    static func split(path: String) throws -> (prefix: [UInt8], name: [UInt8]) {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, !bytes.contains(0) else { throw WebDatasetError.invalidName(path) }
        if bytes.count <= 100 { return ([], bytes) }
        guard bytes.count <= 256 else { throw WebDatasetError.nameTooLong(path, bytes: bytes.count) }
        // The slash goes between the fields and is not stored; try the split giving the longest prefix.
        for index in stride(from: min(155, bytes.count - 1), through: 1, by: -1) where bytes[index] == UInt8(ascii: "/") {
            let name = Array(bytes[(index + 1)...])
            if name.isEmpty { continue }
            if name.count > 100 { break }  // a smaller index only makes the name longer
            return (Array(bytes[..<index]), name)
        }
        throw WebDatasetError.nameTooLong(path, bytes: bytes.count)
    }

    /// The 512 header bytes, checksum included.
    func encoded() -> [UInt8] {
        var block = [UInt8](repeating: 0, count: TarHeader.blockSize)
        block.replaceSubrange(0..<name.count, with: name)
        TarHeader.putOctal(0o644, width: 8, into: &block, at: 100)
        TarHeader.putOctal(0, width: 8, into: &block, at: 108)  // uid
        TarHeader.putOctal(0, width: 8, into: &block, at: 116)  // gid
        TarHeader.putOctal(size, width: 12, into: &block, at: 124)
        TarHeader.putOctal(modificationTime, width: 12, into: &block, at: 136)
        block[156] = typeFlag
        block.replaceSubrange(257..<263, with: Array("ustar\0".utf8))
        block.replaceSubrange(263..<265, with: Array("00".utf8))
        // uname/gname stay empty: readers fall back to the numeric ids, and no host name leaks in.
        // devmajor/devminor stay NUL: they only mean something for device files (Python's tarfile does the same).
        block.replaceSubrange(345..<(345 + prefix.count), with: prefix)
        // The checksum is computed with its own field as eight spaces, then stored as six octal
        // digits, NUL, space (the historical layout every tar accepts).
        block.replaceSubrange(148..<156, with: repeatElement(UInt8(ascii: " "), count: 8))
        let sum = block.reduce(0) { $0 + Int($1) }
        TarHeader.putOctal(sum, width: 7, into: &block, at: 148)
        block[155] = UInt8(ascii: " ")
        return block
    }

    /// Writes `value` as zero-padded octal digits filling `width - 1` bytes, then a NUL.
    static func putOctal(_ value: Int, width: Int, into block: inout [UInt8], at offset: Int) {
        var remaining = value
        var index = offset + width - 2
        while index >= offset {
            block[index] = UInt8(ascii: "0") + UInt8(remaining & 7)
            remaining >>= 3
            index -= 1
        }
        block[offset + width - 1] = 0
    }

    /// Parses a header block; nil for an all-zero block (end of archive).
    static func decode(_ block: [UInt8], offset: Int) throws -> TarHeader? {
        precondition(block.count == blockSize)
        if block.allSatisfy({ $0 == 0 }) { return nil }
        let stored = try octal(block[148..<156], field: "checksum", offset: offset)
        var unsignedSum = 0
        var signedSum = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? UInt8(ascii: " ") : byte
            unsignedSum += Int(value)
            signedSum += Int(Int8(bitPattern: value))
        }
        // Some old tars summed signed chars; accept either, as GNU tar and Python do.
        guard stored == unsignedSum || stored == signedSum else {
            throw WebDatasetError.corruptHeader(offset: offset, reason: "checksum \(stored) does not match \(unsignedSum)")
        }
        let magic = Array(block[257..<262])
        let isUstar = magic == Array("ustar".utf8)
        let name = field(block[0..<100])
        let prefix = isUstar ? field(block[345..<500]) : []
        let size = try octal(block[124..<136], field: "size", offset: offset)
        let mtime = try octal(block[136..<148], field: "mtime", offset: offset)
        return TarHeader(prefix: prefix, name: name, size: size, modificationTime: mtime, typeFlag: block[156])
    }

    /// A NUL-terminated (or full-width) text field.
    private static func field(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(bytes.prefix { $0 != 0 })
    }

    /// An octal number field: optional leading spaces, digits, then NUL or space padding.
    private static func octal(_ bytes: ArraySlice<UInt8>, field: String, offset: Int) throws -> Int {
        if let first = bytes.first, first & 0x80 != 0 {
            throw WebDatasetError.corruptHeader(offset: offset, reason: "base-256 \(field) is not supported")
        }
        var value = 0
        var seenDigit = false
        var ended = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7") where !ended:
                value = value * 8 + Int(byte - UInt8(ascii: "0"))
                seenDigit = true
            case UInt8(ascii: " ") where !seenDigit:
                continue
            case 0, UInt8(ascii: " "):
                ended = true
            default:
                throw WebDatasetError.corruptHeader(offset: offset, reason: "\(field) field is not octal")
            }
        }
        guard seenDigit else { throw WebDatasetError.corruptHeader(offset: offset, reason: "\(field) field is empty") }
        return value
    }
}
