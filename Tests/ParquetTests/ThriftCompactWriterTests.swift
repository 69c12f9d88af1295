import Parquet
import Testing

/// Compact-protocol encodings checked against bytes worked out from the protocol specification.
struct ThriftCompactWriterTests {
    private func varint(_ value: UInt64) -> [UInt8] {
        var w = ThriftCompactWriter()
        w.writeVarint(value)
        return w.bytes
    }

    @Test func varints() {
        #expect(varint(0) == [0x00])
        #expect(varint(1) == [0x01])
        #expect(varint(127) == [0x7F])
        #expect(varint(128) == [0x80, 0x01])
        #expect(varint(300) == [0xAC, 0x02])
        #expect(varint(UInt64.max) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    @Test func zigzag() {
        #expect(ThriftCompactWriter.zigzag(0) == 0)
        #expect(ThriftCompactWriter.zigzag(-1) == 1)
        #expect(ThriftCompactWriter.zigzag(1) == 2)
        #expect(ThriftCompactWriter.zigzag(-2) == 3)
        #expect(ThriftCompactWriter.zigzag(2_147_483_647) == 4_294_967_294)
        #expect(ThriftCompactWriter.zigzag(-2_147_483_648) == 4_294_967_295)
        #expect(ThriftCompactWriter.zigzag(Int64.min) == UInt64.max)
        var w = ThriftCompactWriter()
        w.writeI64(-64)  // zigzag 127: one byte
        w.writeI64(64)   // zigzag 128: two bytes
        #expect(w.bytes == [0x7F, 0x80, 0x01])
    }

    @Test func fieldHeadersShortAndLong() {
        var w = ThriftCompactWriter()
        w.writeField(1, i32: 5)       // delta 1, type i32 (5): 0x15; zigzag(5) = 10
        w.writeField(20, i64: -1)     // delta 19 > 15: type byte 0x06, zigzag(20) = 40, zigzag(-1) = 1
        w.writeField(21, bool: true)  // delta 1, bool true (1) in the type nibble
        w.writeField(22, bool: false) // delta 1, bool false (2)
        w.writeStop()
        #expect(w.bytes == [0x15, 0x0A, 0x06, 0x28, 0x01, 0x11, 0x12, 0x00])
    }

    @Test func nestedStructsRestoreTheOuterFieldID() {
        var w = ThriftCompactWriter()
        w.writeField(1, struct: { inner in inner.writeField(1, i32: 1) })
        w.writeField(2, i32: 2)
        w.writeStop()
        #expect(w.bytes == [0x1C, 0x15, 0x02, 0x00, 0x15, 0x04, 0x00])
    }

    @Test func binaryAndLists() {
        var w = ThriftCompactWriter()
        w.writeField(1, string: "abc")
        w.writeField(2, i32List: [0, 3])
        w.writeStop()
        #expect(w.bytes == [0x18, 0x03, 0x61, 0x62, 0x63, 0x19, 0x25, 0x00, 0x06, 0x00])

        var long = ThriftCompactWriter()
        long.writeListHeader(count: 20, elementType: .binary)
        long.writeListHeader(count: 14, elementType: .structure)
        #expect(long.bytes == [0xF8, 0x14, 0xEC])
    }
}
