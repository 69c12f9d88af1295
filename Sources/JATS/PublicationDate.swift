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
        var text = String(format4: year)
        if let month {
            text += "-" + String(format2: month)
            if let day { text += "-" + String(format2: day) }
        }
        return text
    }
}

extension String {
    fileprivate init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }

    fileprivate init(format4 value: Int) {
        let digits = String(value)
        self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}
