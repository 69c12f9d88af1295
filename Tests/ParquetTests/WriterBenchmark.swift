import Foundation
import Parquet
import Testing

/// Size and speed on 100,000 sample rows; opt-in (`BIOMEDICA_PARQUET_BENCH=1`), best with `-c release`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BIOMEDICA_PARQUET_BENCH"] != nil, "set BIOMEDICA_PARQUET_BENCH=1 to run"))
struct WriterBenchmark {
    @Test(arguments: [ParquetCompression.zstd, .snappy, .uncompressed], [1 << 20, 0])
    func hundredThousandRows(compression: ParquetCompression, dictionaryPageBytes: Int) throws {
        let directory = try ParquetWriterTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = (0..<100_000).map(SampleRows.bulk)
        let url = directory.appendingPathComponent("bench.parquet")
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let writer = try ParquetWriter(url: url, schema: SampleRows.schema,
                                           options: ParquetWriterOptions(compression: compression, rowGroupRows: 50_000,
                                                                         dictionaryPageBytes: dictionaryPageBytes))
            try writer.write(rows: rows)
            try writer.close()
        }
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        print("parquet bench \(compression), dictionary limit \(dictionaryPageBytes): 100000 rows, \(size) bytes, \(elapsed)")
    }
}
