/// A minimal decoder for the Thrift Compact Protocol, the reader of `ThriftCompactWriter`'s
/// format: structs field by field, integers, binaries, and skipping whatever a reader does not need.
struct ThriftCompactReader {
    /// Why the bytes do not decode.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    typealias FieldType = ThriftCompactWriter.FieldType

    private let bytes: [UInt8]
    private var offset = 0
    /// Structs nested deeper than this are refused: a hostile footer could nest them without end.
    private static let maxDepth = 64
    private var depth = 0

    /// A reader at the start of `bytes`.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads a struct, calling `field` with each field's id and type; `field` reads or skips it.
    mutating func readStruct(_ field: (Int16, FieldType, inout ThriftCompactReader) throws -> Void) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw Malformed(description: "structs nested deeper than \(Self.maxDepth)") }
        var lastID: Int16 = 0
        while true {
            let header = try byte()
            if header == 0 { return }
            guard let type = FieldType(rawValue: header & 0x0F) else { throw Malformed(description: "field type \(header & 0x0F)") }
            let delta = Int16(header >> 4)
            let id = delta == 0 ? Int16(truncatingIfNeeded: try readI64()) : lastID &+ delta
            lastID = id
            try field(id, type, &self)
        }
    }

    /// Reads a zigzag varint (i16, i32, i64 alike).
    mutating func readI64() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// Skips a value of `type`.
    mutating func skip(_ type: FieldType) throws {
        switch type {
        case .boolTrue, .boolFalse: return
        case .byte: _ = try byte()
        case .i16, .i32, .i64: _ = try varint()
        case .double: try advance(8)
        case .binary: try advance(Int(try length()))
        case .list, .set:
            let header = try byte()
            let count = header >> 4 == 15 ? Int(try length()) : Int(header >> 4)
            guard let element = FieldType(rawValue: header & 0x0F) else { throw Malformed(description: "list element type \(header & 0x0F)") }
            // Booleans in a list take a byte each.
            for _ in 0..<count { try element == .boolTrue || element == .boolFalse ? advance(1) : skip(element) }
        case .map:
            let count = Int(try length())
            guard count > 0 else { return }
            let types = try byte()
            guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F) else {
                throw Malformed(description: "map types \(types)")
            }
            for _ in 0..<count {
                try skip(key)
                try skip(value)
            }
        case .structure: try readStruct { _, type, reader in try reader.skip(type) }
        }
    }

    private mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Malformed(description: "ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            let next = try byte()
            value |= UInt64(next & 0x7F) << UInt64(shift)
            if next & 0x80 == 0 { return value }
        }
        throw Malformed(description: "a varint longer than 10 bytes")
    }

    /// A length or count: a varint that must fit what is left of the bytes.
    private mutating func length() throws -> UInt64 {
        let value = try varint()
        guard value <= UInt64(bytes.count) else { throw Malformed(description: "a length of \(value) past the end") }
        return value
    }

    private mutating func advance(_ count: Int) throws {
        guard count >= 0, offset + count <= bytes.count else { throw Malformed(description: "ends early") }
        offset += count
    }
}
