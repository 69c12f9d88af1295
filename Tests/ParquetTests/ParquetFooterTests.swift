import Foundation
import Parquet
import Testing

@Suite("Reading a Parquet file's footer")
struct ParquetFooterTests {
    @Test("the row count of our files, in one row group or many")
    func rowCount() throws {
        let directory = try ParquetWriterTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (rows, groupRows) in [(0, 10), (7, 10), (2_500, 1_000)] {
            let url = directory.appendingPathComponent("\(rows).parquet")
            let writer = try ParquetWriter(url: url, schema: SampleRows.schema, options: ParquetWriterOptions(rowGroupRows: groupRows))
            try writer.write(rows: (0..<rows).map(SampleRows.bulk))
            try writer.close()
            #expect(try ParquetFooter(of: url).rows == Int64(rows))
        }
    }

    @Test("a file that is not Parquet, or whose footer is cut, is refused with the reason")
    func refusesOthers() throws {
        let directory = try ParquetWriterTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = directory.appendingPathComponent("text.parquet")
        try Data("not parquet at all".utf8).write(to: text)
        #expect(throws: ParquetError.unreadable(text.path, "no PAR1 at both ends: not a Parquet file")) { try ParquetFooter(of: text) }

        let liar = directory.appendingPathComponent("liar.parquet")
        try Data("PAR1".utf8 + [0xFF, 0xFF, 0xFF, 0x7F] + "PAR1".utf8).write(to: liar)
        #expect(throws: ParquetError.self) { try ParquetFooter(of: liar) }

        let garbled = directory.appendingPathComponent("garbled.parquet")
        try Data("PAR1".utf8 + [0x19, 0xFF, 0xFF] + [3, 0, 0, 0] + "PAR1".utf8).write(to: garbled)
        #expect(throws: ParquetError.self) { try ParquetFooter(of: garbled) }
    }
}
