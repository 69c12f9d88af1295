import Parquet

/// Rows shared by the writer tests: a BIOMEDICA-like sample table covering every column type.
enum SampleRows {
    /// id, caption, license group, figure index, score, open flag, keywords (optional list),
    /// authors (required list).
    static let schema = try! ParquetSchema([
        ParquetColumn("id", .int64, optional: false),
        ParquetColumn("caption", .string),
        ParquetColumn("license_group", .string, optional: false),
        ParquetColumn("figure_index", .int32),
        ParquetColumn("score", .double),
        ParquetColumn("is_open", .bool),
        ParquetColumn("keywords", .stringList),
        ParquetColumn("authors", .stringList, optional: false),
    ])

    /// Edge cases: unicode, empty strings, empty and null lists, null elements, extreme numbers.
    static let edgeCases: [[ParquetValue]] = [
        [.int64(1), .string("Staphylococcus aureus biofilm — α-toxin 🦠 日本語"), .string("commercial"),
         .int32(3), .double(0.5), .bool(true), .stringList(["MRSA", "biofilm"]), .stringList(["Ada", "Bob"])],
        [.int64(2), .string(""), .string("noncommercial"),
         .null, .double(-1.25), .bool(false), .stringList([]), .stringList([])],
        [.int64(3), .null, .string("other"),
         .int32(-7), .null, .null, .null, .stringList([nil, "x"])],
        [.int64(4), .string("S. AUREUS in capitals"), .string("commercial"),
         .int32(Int32.max), .double(1e300), .bool(true), .stringList([nil]), .stringList(["ünïcødé"])],
        [.int64(Int64.min), .string("line\nbreak \"quoted\" \\ tab\t"), .string("commercial"),
         .int32(Int32.min), .double(0), .null, .stringList(["", ""]), .stringList([])],
    ]

    /// A deterministic bulk row `i`: every 7th caption mentions aureus, every 11th (not 7th) is null,
    /// license groups cycle, lists vary in length and nullness.
    static func bulk(_ i: Int) -> [ParquetValue] {
        let caption: ParquetValue = i % 7 == 0 ? .string("Figure \(i): S. aureus colonies on blood agar")
            : i % 11 == 0 ? .null : .string("Figure \(i): microscopy of tissue sample \(i % 97)")
        let keywords: ParquetValue = i % 10 == 0 ? .null
            : i % 4 == 0 ? .stringList([]) : .stringList(i % 3 == 0 ? ["k\(i % 9)", "MRSA"] : ["k\(i % 9)"])
        return [
            .int64(Int64(i)), caption, .string(["commercial", "noncommercial", "other"][i % 3]),
            i % 5 == 0 ? .null : .int32(Int32(i % 50)), .double(Double(i) / 4),
            i % 13 == 0 ? .null : .bool(i % 2 == 0), keywords,
            .stringList((0..<(i % 4)).map { "Author \($0)" }),
        ]
    }
}
