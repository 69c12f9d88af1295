/// A day of the calendar (`YYYY-MM-DD`), the grain at which `--since` compares the dates sources
/// write in their own formats.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, four digits.
    public let year: Int
    /// The month, 1 to 12.
    public let month: Int
    /// The day of the month, 1 to its last.
    public let day: Int

    /// Parses exactly `YYYY-MM-DD`; nil for anything else, including days the month lacks.
    public init?(_ text: String) {
        guard text.utf8.count == 10 else { return nil }
        self.init(leadingDateOf: text)
    }

    /// The date a source's timestamp starts with, read as written (no time zone conversion): S3's
    /// `2026-03-01T12:00:00.000Z`, a folder's `2026-03-01T12:00:00Z`, the legacy list's
    /// `2026-03-01 12:00:00`. Nil when the stamp does not start with a valid date.
    public init?(leadingDateOf stamp: String) {
        let bytes = Array(stamp.utf8.prefix(11))
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.count == 10 || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]), let day = Self.number(bytes[8..<10]),
              (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Earlier days first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
