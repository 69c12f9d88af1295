/// A minimal encoder for the Thrift Compact Protocol, enough for Parquet's page headers and
/// footer: structs, i16/i32/i64 (zigzag varints), binary/strings, bools and lists.
///
/// Parquet has no schema compiler here, so each metadata struct writes its own fields through
/// this type, in increasing field-id order (the delta form of field headers needs that order to
/// stay one byte, and it keeps the output deterministic).
public struct ThriftCompactWriter: Sendable {
    /// Compact-protocol type codes, as they appear in field headers and list headers.
    public enum FieldType: UInt8, Sendable {
        case boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// The last field id of the struct being written; field headers encode the delta to it.
    private var lastFieldID: Int16 = 0
    /// The last field ids of the enclosing structs, restored when a nested struct ends.
    private var fieldIDStack: [Int16] = []

    /// An empty writer.
    public init() {}

    // MARK: Primitives

    /// Appends `value` as an unsigned LEB128 varint (7 bits a byte, low bits first).
    public mutating func writeVarint(_ value: UInt64) {
        UnsignedVarint.append(value, to: &bytes)
    }

    /// Maps a signed value onto an unsigned one so that small magnitudes stay small:
    /// 0, -1, 1, -2, ... become 0, 1, 2, 3, ...
    public static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Appends a signed integer (i16, i32 or i64 alike) as a zigzag varint.
    public mutating func writeI64(_ value: Int64) { writeVarint(Self.zigzag(value)) }

    /// Appends a length-prefixed byte string.
    public mutating func writeBinary(_ value: some Collection<UInt8>) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends a list header: the element count (inline when under 15) and the element type.
    public mutating func writeListHeader(count: Int, elementType: FieldType) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // MARK: Structs and fields

    /// Appends a field header: one byte when the id is 1...15 above the previous one,
    /// otherwise the type byte followed by the id as a zigzag varint.
    public mutating func writeFieldHeader(id: Int16, type: FieldType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeI64(Int64(id))
        }
        lastFieldID = id
    }

    /// Starts a nested struct (the field header, if any, is written by the caller).
    public mutating func beginStruct() {
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    /// Ends the current struct with the stop byte and restores the enclosing struct's field id.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    /// Ends a top-level struct (one not opened with `beginStruct()`), such as a page header or the footer.
    public mutating func writeStop() {
        bytes.append(0)
    }

    /// Writes an i32 field (enums too: Thrift enums are i32 on the wire).
    public mutating func writeField(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id: id, type: .i32)
        writeI64(Int64(value))
    }

    /// Writes an i16 field.
    public mutating func writeField(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(id: id, type: .i16)
        writeI64(Int64(value))
    }

    /// Writes an i64 field.
    public mutating func writeField(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id: id, type: .i64)
        writeI64(value)
    }

    /// Writes a binary field.
    public mutating func writeField(_ id: Int16, binary value: some Collection<UInt8>) {
        writeFieldHeader(id: id, type: .binary)
        writeBinary(value)
    }

    /// Writes a string field (UTF-8 bytes on the wire).
    public mutating func writeField(_ id: Int16, string value: String) {
        writeField(id, binary: Array(value.utf8))
    }

    /// Writes a bool field; compact protocol folds the value into the header's type nibble.
    public mutating func writeField(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id: id, type: value ? .boolTrue : .boolFalse)
    }

    /// Writes a struct field whose body `body` writes; the stop byte is added here.
    public mutating func writeField(_ id: Int16, struct body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id: id, type: .structure)
        beginStruct()
        body(&self)
        endStruct()
    }

    /// Writes a list-of-structs field, each element's body written by `body`.
    public mutating func writeField<Element>(_ id: Int16, structs elements: [Element],
                                             body: (inout ThriftCompactWriter, Element) -> Void) {
        writeFieldHeader(id: id, type: .list)
        writeListHeader(count: elements.count, elementType: .structure)
        for element in elements {
            beginStruct()
            body(&self, element)
            endStruct()
        }
    }

    /// Writes a list-of-i32 field (Parquet uses these for enum lists such as encodings).
    public mutating func writeField(_ id: Int16, i32List values: [Int32]) {
        writeFieldHeader(id: id, type: .list)
        writeListHeader(count: values.count, elementType: .i32)
        for value in values { writeI64(Int64(value)) }
    }

    /// Writes a list-of-strings field.
    public mutating func writeField(_ id: Int16, stringList values: [String]) {
        writeFieldHeader(id: id, type: .list)
        writeListHeader(count: values.count, elementType: .binary)
        for value in values { writeBinary(Array(value.utf8)) }
    }
}
