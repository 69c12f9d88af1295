import XML

/// Chooses and reads the publication date among an article's `pub-date` elements.
///
/// JATS has named the kind of date three ways (`pub-type`, `date-type` with
/// `publication-format`) and written it as elements, `iso-8601-date`, or a season alone. The
/// electronic date is preferred, then print, then the collection date, then the first date
/// with a year.
enum PublicationDateReader {
    /// The preferred date among the `pub-date` children of `articleMeta`, or nil when none has a year.
    static func date(in articleMeta: XMLElement) -> PublicationDate? {
        var best: (rank: Int, date: PublicationDate)?
        var child = articleMeta.firstChildElement
        while let current = child {
            child = current.nextSiblingElement
            guard current.isNamed("pub-date"), let date = read(current) else { continue }
            let rank = preference(of: current)
            if best.map({ rank < $0.rank }) ?? true {
                best = (rank, date)
            }
        }
        return best?.date
    }

    /// Lower is better.
    private static func preference(of pubDate: XMLElement) -> Int {
        let type = (pubDate.attribute("pub-type") ?? pubDate.attribute("date-type"))?.lowercased()
        let format = pubDate.attribute("publication-format")?.lowercased()
        switch (type, format) {
        case ("epub", _), ("electronic", _), ("epub-ppub", _), (_, "electronic"): return 0
        case ("ppub", _), ("print", _), (_, "print"): return 1
        case ("collection", _): return 2
        default: return 3
        }
    }

    private static func read(_ pubDate: XMLElement) -> PublicationDate? {
        let iso = pubDate.attribute("iso-8601-date").map(ISODateParts.init)
        guard let year = integer(pubDate.firstChild(named: "year")) ?? iso?.year else { return nil }
        let month = pubDate.firstChild(named: "month").flatMap { monthNumber(from: $0.textContent) } ?? iso?.month
        let day = integer(pubDate.firstChild(named: "day")) ?? iso?.day
        let season = pubDate.firstChild(named: "season").map { $0.textContent.trimmingWhitespace() }
        return PublicationDate(
            year: year, month: month, day: month == nil ? nil : day,
            season: season?.isEmpty == false ? season : nil)
    }

    private static func integer(_ element: XMLElement?) -> Int? {
        element.flatMap { Int($0.textContent.trimmingWhitespace()) }
    }

    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `3`, `03`, `Mar` or `March`.
    private static func monthNumber(from text: String) -> Int? {
        let trimmed = text.trimmingWhitespace()
        if let number = Int(trimmed) { return (1...12).contains(number) ? number : nil }
        return monthNames.firstIndex(of: String(trimmed.prefix(3)).lowercased()).map { $0 + 1 }
    }
}

/// The numbers of an `iso-8601-date` attribute: `2018`, `2018-12` or `2018-12-08`.
private struct ISODateParts {
    var year: Int?
    var month: Int?
    var day: Int?

    init(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        year = parts.first ?? nil
        month = parts.count > 1 ? parts[1] : nil
        day = parts.count > 2 ? parts[2] : nil
    }
}
