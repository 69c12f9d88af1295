import Synchronization

/// The sorted result of the last local listing, kept so that continuation pages do not read the
/// folder again. One snapshot at a time: a listing is paged through from start to end.
final class LocalListingSnapshots: Sendable {
    /// What was listed.
    struct Query: Hashable, Sendable {
        var prefix: String
        var delimiter: String?
    }

    /// A key, or a rolled-up prefix ending in `/`.
    struct Entry: Sendable {
        var key: String
        var isPrefix: Bool
    }

    private let latest = Mutex<(query: Query, entries: [Entry])?>(nil)

    /// The snapshot for `query`, if it is the one kept.
    func entries(for query: Query) -> [Entry]? {
        latest.withLock { $0?.query == query ? $0?.entries : nil }
    }

    /// Keeps `entries` as the snapshot for `query` and returns them.
    func store(_ entries: [Entry], for query: Query) -> [Entry] {
        latest.withLock { $0 = (query, entries) }
        return entries
    }
}
