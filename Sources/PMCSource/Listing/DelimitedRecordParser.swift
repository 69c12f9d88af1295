/// Splits delimited text into records as bytes arrive, so a file list or inventory of millions of
/// rows is parsed without holding it whole.
///
/// With quoting on it follows RFC 4180: a field in double quotes may hold the separator, line
/// breaks and doubled quotes (citations in `oa_file_list.csv` contain commas). With quoting off
/// (`oa_file_list.txt`) a quote is an ordinary character. `\r\n` and `\n` both end a record; blank
/// lines yield no record.
struct DelimitedRecordParser {
    private let separator: UInt8
    private let quoting: Bool
    private var field: [UInt8] = []
    private var record: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var fieldStarted = false

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// A parser for fields split by `separator`, honouring double quotes when `quoting` is on.
    init(separator: UInt8, quoting: Bool) {
        self.separator = separator
        self.quoting = quoting
    }

    /// Consumes the next bytes and returns the records they complete.
    mutating func feed(_ bytes: some Sequence<UInt8>) -> [[String]] {
        var complete: [[String]] = []
        for byte in bytes {
            if inQuotes {
                if byte == Self.quote {
                    inQuotes = false
                    quoteJustClosed = true
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case Self.quote where quoting && quoteJustClosed:
                // `""` inside a quoted field is one literal quote.
                field.append(byte)
                inQuotes = true
                quoteJustClosed = false
            case Self.quote where quoting && !fieldStarted:
                inQuotes = true
                fieldStarted = true
            case separator:
                endField()
            case Self.newline:
                if let finished = endRecord() { complete.append(finished) }
            case Self.carriageReturn:
                break
            default:
                field.append(byte)
                fieldStarted = true
                quoteJustClosed = false
            }
        }
        return complete
    }

    /// Ends the input: returns the last record when the text did not end with a line break.
    mutating func finish() -> [String]? {
        endRecord()
    }

    private mutating func endField() {
        record.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStarted = false
        quoteJustClosed = false
    }

    private mutating func endRecord() -> [String]? {
        let blank = record.isEmpty && field.isEmpty && !fieldStarted
        guard !blank else { return nil }
        endField()
        defer { record.removeAll(keepingCapacity: true) }
        return record
    }
}
