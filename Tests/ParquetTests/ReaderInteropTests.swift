import Foundation
import Parquet
import Testing

/// Files from `ParquetWriter`, read back by pyarrow and DuckDB (see `Tests/Fixtures/read_parquet.py`).
///
/// Disabled when the interpreter lacks pyarrow or duckdb (install them with
/// `python3 -m venv .venv && .venv/bin/pip install pyarrow duckdb`), except under `CI`, where a
/// missing reader is a failure rather than a silent skip.
@Suite(.enabled(if: PythonReaders.enabled, "needs python with pyarrow and duckdb (BIOMEDICA_PYTHON or .venv); always runs under CI"))
struct ReaderInteropTests {
    private func write(_ rows: some Sequence<[ParquetValue]>, to url: URL, options: ParquetWriterOptions) throws {
        let writer = try ParquetWriter(url: url, schema: SampleRows.schema, options: options)
        try writer.write(rows: rows)
        try writer.close()
    }

    @Test func edgeCasesReadBackExactly() throws {
        let (directory, isTemporary) = try PythonReaders.outputDirectory()
        defer { if isTemporary { try? FileManager.default.removeItem(at: directory) } }
        // Each edge case four times over, so that strings repeat and go through the dictionary.
        let edgeRows = Array([[[ParquetValue]]](repeating: SampleRows.edgeCases, count: 4).joined())
        let zstd = directory.appendingPathComponent("edge-zstd.parquet")
        let snappy = directory.appendingPathComponent("edge-snappy.parquet")
        let plain = directory.appendingPathComponent("edge-uncompressed-no-dictionary.parquet")
        try write(edgeRows, to: zstd, options: ParquetWriterOptions())
        try write(edgeRows, to: snappy, options: ParquetWriterOptions(compression: .snappy))
        try write(edgeRows, to: plain, options: ParquetWriterOptions(compression: .uncompressed, dictionaryPageBytes: 0))

        let summaries = try PythonReaders.summarize([zstd, snappy, plain], rows: true, query: true)
        for (file, codec) in [(zstd, "ZSTD"), (snappy, "SNAPPY"), (plain, "UNCOMPRESSED")] {
            let summary = try #require(summaries[file.path] as? [String: Any])
            let arrow = try #require(summary["pyarrow"] as? [String: Any])
            let duck = try #require(summary["duckdb"] as? [String: Any])
            #expect(arrow["types"] as? [String: String] == [
                "id": "int64", "caption": "string", "license_group": "string", "figure_index": "int32",
                "score": "double", "is_open": "bool", "keywords": "list<element: string>",
                "authors": "list<element: string>",
            ])
            #expect((arrow["nullable"] as? [String: Bool])?["id"] == false)
            #expect((arrow["nullable"] as? [String: Bool])?["caption"] == true)
            #expect(arrow["num_rows"] as? Int == 20)
            #expect(arrow["created_by"] as? String == "biomedica")
            #expect(arrow["codecs"] as? [String] == [codec])
            // Strings (lists included) are dictionary-encoded unless dictionaries are off; other types never.
            let dictionaries = file == plain ? 0 : 1
            #expect(arrow["dictionary_pages"] as? [String: Int] == [
                "id": 0, "caption": dictionaries, "license_group": dictionaries, "figure_index": 0, "score": 0,
                "is_open": 0, "keywords.list.element": dictionaries, "authors.list.element": dictionaries,
            ])
            #expect((arrow["encodings"] as? [String: [String]])?["caption"]
                    == (file == plain ? ["PLAIN", "RLE"] : ["PLAIN", "RLE", "RLE_DICTIONARY"]))
            #expect(duck["types"] as? [String: String] == [
                "id": "BIGINT", "caption": "VARCHAR", "license_group": "VARCHAR", "figure_index": "INTEGER",
                "score": "DOUBLE", "is_open": "BOOLEAN", "keywords": "VARCHAR[]", "authors": "VARCHAR[]",
            ])
            #expect(duck["count"] as? Int == 20)
            #expect(duck["rows_match_pyarrow"] as? Bool == true)
            #expect(duck["commercial_aureus"] as? Int == 8)
            #expect(duck["keyword_rows"] as? Int == 4)
            // Strings compare as unsigned bytes: "" is least, "l..." sorts after "S...".
            let statistics = try #require((arrow["statistics"] as? [[String: Any]])?.first)
            #expect(statistics["caption"] as? [String] == ["", "line\nbreak \"quoted\" \\ tab\t"])
            #expect(statistics["license_group"] as? [String] == ["commercial", "other"])
            #expect(statistics["id"] as? [NSNumber] == [NSNumber(value: Int64.min), NSNumber(value: 4)])
            let rows = try #require(arrow["rows"] as? [[String: Any]])
            try expectRows(rows, equal: edgeRows)
        }
    }

    @Test func rowGroupsAndPagesAcrossTwentyFiveThousandRows() throws {
        let (directory, isTemporary) = try PythonReaders.outputDirectory()
        defer { if isTemporary { try? FileManager.default.removeItem(at: directory) } }
        let count = 25_000
        let snappy = directory.appendingPathComponent("bulk-snappy.parquet")
        let plain = directory.appendingPathComponent("bulk-uncompressed.parquet")
        let fallback = directory.appendingPathComponent("bulk-zstd-dictionary-fallback.parquet")
        // Small pages so every column chunk spans several pages.
        try write((0..<count).lazy.map(SampleRows.bulk), to: snappy,
                  options: ParquetWriterOptions(compression: .snappy, rowGroupRows: 10_000, pageBytes: 16_384))
        try write((0..<count).lazy.map(SampleRows.bulk), to: plain,
                  options: ParquetWriterOptions(compression: .uncompressed, rowGroupRows: 10_000, pageBytes: 16_384))
        // A 4 kB dictionary: license groups and keywords (a few values) stay dictionary-encoded, while
        // captions, distinct on every row, are PLAIN from the first page on.
        try write((0..<count).lazy.map(SampleRows.bulk), to: fallback,
                  options: ParquetWriterOptions(rowGroupRows: 10_000, pageBytes: 16_384, dictionaryPageBytes: 4_096))

        let expectedAureus = (0..<count).filter { $0 % 3 == 0 && $0 % 7 == 0 }.count
        let expectedMRSA = (0..<count).filter { $0 % 10 != 0 && $0 % 4 != 0 && $0 % 3 == 0 }.count
        let summaries = try PythonReaders.summarize([snappy, plain, fallback], rows: false, query: true)
        for file in [snappy, plain, fallback] {
            let summary = try #require(summaries[file.path] as? [String: Any])
            let arrow = try #require(summary["pyarrow"] as? [String: Any])
            let duck = try #require(summary["duckdb"] as? [String: Any])
            #expect(arrow["num_rows"] as? Int == count)
            #expect(arrow["num_row_groups"] as? Int == 3)
            #expect(arrow["row_group_rows"] as? [Int] == [10_000, 10_000, 5_000])
            #expect(duck["count"] as? Int == count)
            #expect(duck["rows_match_pyarrow"] as? Bool == true)
            #expect(duck["commercial_aureus"] as? Int == expectedAureus)
            #expect(duck["keyword_rows"] as? Int == expectedMRSA)
            #expect((duck["sum_id"] as? NSNumber)?.int64Value == Int64(count * (count - 1) / 2))
            #expect(duck["id_range"] as? Int == 11)
            // Footer statistics, per row group: ids and scores are ranges, license groups sort.
            let statistics = try #require(arrow["statistics"] as? [[String: Any]])
            #expect(statistics.map { ($0["id"] as? [Int]) ?? [] } == [[0, 9_999], [10_000, 19_999], [20_000, 24_999]])
            #expect(statistics.map { ($0["score"] as? [Double]) ?? [] } == [[-0.0, 2_499.75], [2_500, 4_999.75], [5_000, 6_249.75]])
            #expect(statistics.map { ($0["license_group"] as? [String]) ?? [] } == Array(repeating: ["commercial", "other"], count: 3))
            #expect(statistics.map { ($0["figure_index"] as? [Int]) ?? [] } == Array(repeating: [1, 49], count: 3))
            #expect(statistics.allSatisfy { $0["is_open"] is NSNull && $0["keywords.list.element"] is NSNull })
        }
        // Every value of the Snappy file and of the ZSTD one, as pyarrow reads them.
        let full = try PythonReaders.summarize([snappy, fallback], rows: true, query: false)
        for file in [snappy, fallback] {
            let rows = try #require((full[file.path] as? [String: Any])
                .flatMap { $0["pyarrow"] as? [String: Any] }?["rows"] as? [[String: Any]])
            try expectRows(rows, equal: (0..<count).map(SampleRows.bulk))
        }
        let fallbackPages = try #require((summaries[fallback.path] as? [String: Any])
            .flatMap { $0["pyarrow"] as? [String: Any] })
        #expect((fallbackPages["dictionary_pages"] as? [String: Int])?["caption"] == 0)
        #expect((fallbackPages["dictionary_pages"] as? [String: Int])?["license_group"] == 3)
        #expect((fallbackPages["dictionary_pages"] as? [String: Int])?["keywords.list.element"] == 3)
    }

    @Test func repeatedStringsCostAnIndexNotTheirText() throws {
        let (directory, isTemporary) = try PythonReaders.outputDirectory()
        defer { if isTemporary { try? FileManager.default.removeItem(at: directory) } }
        // An article's abstract beside each of its five figures, uncompressed so only the encoding differs.
        let schema = try ParquetSchema([ParquetColumn("article", .int64, optional: false), ParquetColumn("abstract", .string)])
        let rows: [[ParquetValue]] = (0..<5_000).map { i in
            [.int64(Int64(i / 5)), .string("Abstract of article \(i / 5): " + String(repeating: "biofilm ", count: 40))]
        }
        // No dictionary; one up to 1 MiB (it holds all 1,000 texts); one of 20 kB, which the first 50 or so
        // texts fill, after which each chunk's remaining pages are PLAIN.
        var sizes: [Int] = []
        for (name, limit) in [("dictionary", 1 << 20), ("plain", 0), ("fallback", 20_000)] {
            let url = directory.appendingPathComponent("abstracts-\(name).parquet")
            let writer = try ParquetWriter(url: url, schema: schema,
                                           options: ParquetWriterOptions(compression: .uncompressed, pageBytes: 16_384,
                                                                         dictionaryPageBytes: limit))
            try writer.write(rows: rows)
            try writer.close()
            sizes.append(try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int))
            let summary = try #require(try PythonReaders.summarize([url], rows: true, query: false)[url.path] as? [String: Any])
            let arrow = try #require(summary["pyarrow"] as? [String: Any])
            try expectRows(try #require(arrow["rows"] as? [[String: Any]]), equal: rows, schema: schema)
            #expect((summary["duckdb"] as? [String: Any])?["rows_match_pyarrow"] as? Bool == true)
            let dictionaryBytes = try #require((arrow["dictionary_page_bytes"] as? [String: Int])?["abstract"])
            switch name {
            case "dictionary": #expect(dictionaryBytes > 340_000)
            case "plain": #expect(dictionaryBytes == 0)
            default: #expect(dictionaryBytes > 20_000 && dictionaryBytes < 21_000)
            }
        }
        // Each text stored once instead of five times: under a quarter of the size. The fallback file
        // stores the first texts once and the rest five times.
        #expect(sizes[0] * 4 < sizes[1], "dictionary \(sizes[0]) bytes, plain \(sizes[1])")
        #expect(sizes[2] < sizes[1] && sizes[2] > sizes[1] * 9 / 10, "fallback \(sizes[2]) bytes, plain \(sizes[1])")
    }

    @Test func byteLimitClosesRowGroupsEarly() throws {
        let (directory, isTemporary) = try PythonReaders.outputDirectory()
        defer { if isTemporary { try? FileManager.default.removeItem(at: directory) } }
        let url = directory.appendingPathComponent("byte-limited.parquet")
        // 5,000 rows would fit one group by count; the 20 kB limit must split them.
        try write((0..<5_000).lazy.map(SampleRows.bulk), to: url,
                  options: ParquetWriterOptions(rowGroupRows: 100_000, rowGroupBytes: 20_000, pageBytes: 4_096))
        let summary = try #require(try PythonReaders.summarize([url], rows: false, query: false)[url.path] as? [String: Any])
        let arrow = try #require(summary["pyarrow"] as? [String: Any])
        let groups = try #require(arrow["row_group_rows"] as? [Int])
        #expect(groups.count > 3)
        #expect(groups.reduce(0, +) == 5_000)
        #expect((summary["duckdb"] as? [String: Any])?["rows_match_pyarrow"] as? Bool == true)
    }

    @Test func longStringsLeaveStatisticsOut() throws {
        let (directory, isTemporary) = try PythonReaders.outputDirectory()
        defer { if isTemporary { try? FileManager.default.removeItem(at: directory) } }
        let url = directory.appendingPathComponent("long-strings.parquet")
        let schema = try ParquetSchema([ParquetColumn("caption", .string), ParquetColumn("n", .double)])
        let writer = try ParquetWriter(url: url, schema: schema)
        try writer.write(row: [.string("short"), .double(.nan)])
        try writer.write(row: [.string(String(repeating: "z", count: 65)), .double(1)])
        try writer.close()
        let summary = try #require(try PythonReaders.summarize([url], rows: true, query: false)[url.path] as? [String: Any])
        let arrow = try #require(summary["pyarrow"] as? [String: Any])
        let statistics = try #require((arrow["statistics"] as? [[String: Any]])?.first)
        #expect(statistics["caption"] is NSNull)
        #expect(statistics["n"] is NSNull)  // a NaN leaves double min/max out
        #expect((arrow["rows"] as? [[String: Any]])?.last?["caption"] as? String == String(repeating: "z", count: 65))
    }

    /// Compares reader rows (JSON objects) with the rows written, column by column.
    private func expectRows(_ actual: [[String: Any]], equal expected: [[ParquetValue]],
                            schema: ParquetSchema = SampleRows.schema) throws {
        try #require(actual.count == expected.count)
        var mismatches = 0
        for (index, (row, values)) in zip(actual, expected).enumerated() {
            for (column, value) in zip(schema.columns, values) where !matches(row[column.name], value) {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("row \(index) column \(column.name): read \(String(describing: row[column.name])), wrote \(value)")
                }
            }
        }
        #expect(mismatches == 0)
    }

    /// Whether a JSON value equals a written value.
    private func matches(_ json: Any?, _ value: ParquetValue) -> Bool {
        switch value {
        case .null: return json == nil || json is NSNull
        case .string(let text): return json as? String == text
        case .int64(let number): return (json as? NSNumber)?.int64Value == number
        case .int32(let number): return (json as? NSNumber)?.int32Value == number
        case .double(let number): return (json as? NSNumber)?.doubleValue == number
        case .bool(let flag): return (json as? Bool) ?? (json as? NSNumber)?.boolValue == flag
        case .stringList(let elements):
            guard let list = json as? [Any], list.count == elements.count else { return false }
            return zip(list, elements).allSatisfy { item, element in
                element.map { item as? String == $0 } ?? (item is NSNull)
            }
        }
    }
}
