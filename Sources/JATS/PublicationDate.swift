/// A publication date as precise as the article gives it.
public struct PublicationDate: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The year.
    public var year: Int
    /// The month, 1 to 12, if known.
    public var month: Int?
    /// The day of the month, if known.
    public var day: Int?
    /// A season such as `Spring` or `Jan-Feb`, when that is all the article gives.
    public var season: String?

    /// Creates a date.
    public init(year: Int, month: Int? = nil, day: Int? = nil, season: String? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.season = season
    }

    /// ISO 8601 as precise as known: `2018`, `2018-03` or `2018-03-07`.
    public var description: String {
        var text = zeroPadded(year, width: 4)
        if let month {
            text += "-" + zeroPadded(month, width: 2)
            if let day { text += "-" + zeroPadded(day, width: 2) }
        }
        return text
    }
}

private func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
