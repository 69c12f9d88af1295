import Foundation
import Parquet
import Testing

/// Writer behaviour that needs no outside reader: determinism, the partial-file rename, validation.
struct ParquetWriterTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("biomedica-parquet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ rows: [[ParquetValue]], to url: URL, options: ParquetWriterOptions) throws {
        let writer = try ParquetWriter(url: url, schema: SampleRows.schema, options: options)
        try writer.write(rows: rows)
        try writer.close()
    }

    @Test(arguments: [ParquetCompression.zstd, .snappy, .uncompressed])
    func sameRowsGiveIdenticalBytes(compression: ParquetCompression) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = SampleRows.edgeCases + (0..<3_000).map(SampleRows.bulk)
        let options = ParquetWriterOptions(compression: compression, rowGroupRows: 1_000, pageBytes: 8_192)
        let a = directory.appendingPathComponent("a.parquet")
        let b = directory.appendingPathComponent("b.parquet")
        try write(rows, to: a, options: options)
        try write(rows, to: b, options: options)
        let bytesA = try Data(contentsOf: a)
        #expect(bytesA == (try Data(contentsOf: b)))
        #expect(bytesA.prefix(4) == Data("PAR1".utf8))
        #expect(bytesA.suffix(4) == Data("PAR1".utf8))
    }

    @Test func writesToPartialThenRenames() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("samples.parquet")
        let writer = try ParquetWriter(url: url, schema: SampleRows.schema)
        try writer.write(rows: SampleRows.edgeCases)
        #expect(FileManager.default.fileExists(atPath: url.path + ".partial"))
        #expect(!FileManager.default.fileExists(atPath: url.path))
        try writer.close()
        #expect(!FileManager.default.fileExists(atPath: url.path + ".partial"))
        #expect(FileManager.default.fileExists(atPath: url.path))
        #expect(throws: ParquetError.closed) { try writer.write(row: SampleRows.edgeCases[0]) }
    }

    @Test func abortRemovesThePartialFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("aborted.parquet")
        let writer = try ParquetWriter(url: url, schema: SampleRows.schema)
        try writer.write(rows: SampleRows.edgeCases)
        writer.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func rejectsBadRows() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try ParquetWriter(url: directory.appendingPathComponent("bad.parquet"), schema: SampleRows.schema)
        defer { writer.abort() }
        #expect(throws: ParquetError.rowWidth(expected: 8, got: 1)) { try writer.write(row: [.int64(1)]) }
        var nullID = SampleRows.edgeCases[0]
        nullID[0] = .null
        #expect(throws: ParquetError.self) { try writer.write(row: nullID) }
        var wrongType = SampleRows.edgeCases[0]
        wrongType[1] = .int64(5)
        #expect(throws: ParquetError.self) { try writer.write(row: wrongType) }
        #expect(writer.rowCount == 0)
    }

    @Test func rejectsDuplicateColumns() {
        #expect(throws: ParquetError.duplicateColumn("a")) {
            try ParquetSchema([ParquetColumn("a", .string), ParquetColumn("a", .int64)])
        }
    }
}
