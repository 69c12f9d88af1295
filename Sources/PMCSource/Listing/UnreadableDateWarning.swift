import Foundation
import Logging
import PMCModel

/// Warns once per listing about a last-modified stamp `--since` cannot read: such versions are
/// kept, and a source that writes no readable stamps would otherwise log one line per article.
final class UnreadableDateWarning: @unchecked Sendable {
    private static let logger = Logger(label: "biomedica.source.listing")
    private let lock = NSLock()
    private var warned = false

    /// Logs the first unreadable stamp and stays quiet after it.
    func note(_ stamp: String?, of id: ArticleVersion, since: CalendarDate) {
        let first = lock.withLock {
            defer { warned = true }
            return !warned
        }
        guard first else { return }
        Self.logger.warning(
            "\(id): last-modified \(stamp.map { "'\($0)'" } ?? "missing") is not a date; kept despite --since \(since) (later such articles are kept without a warning)")
    }
}
