import Foundation
import PMCSource

/// A real store (a folder) that remembers which keys were read: tells whether a listing read
/// metadata it did not need. Every byte still comes from the wrapped store.
final class CountingStore: ObjectStore, @unchecked Sendable {
    let base: any ObjectStore
    private let lock = NSLock()
    private var readKeys: [String] = []
    private var listedPrefixes: [String] = []

    init(_ base: any ObjectStore) {
        self.base = base
    }

    /// The keys read with `get` or `download` so far, in no particular order.
    var reads: [String] { lock.withLock { readKeys } }

    /// The prefix of each listing request so far, in order.
    var listings: [String] { lock.withLock { listedPrefixes } }

    var description: String { base.description }

    func location(of key: String) -> String { base.location(of: key) }

    func listPage(prefix: String, delimiter: String?, continuationToken: String?, maxKeys: Int)
        async throws(SourceError) -> ObjectListingPage {
        lock.withLock { listedPrefixes.append(prefix) }
        return try await base.listPage(prefix: prefix, delimiter: delimiter, continuationToken: continuationToken, maxKeys: maxKeys)
    }

    func get(_ key: String, limit: Int) async throws(SourceError) -> [UInt8] {
        lock.withLock { readKeys.append(key) }
        return try await base.get(key, limit: limit)
    }

    func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        lock.withLock { readKeys.append(key) }
        return try await base.download(key, to: path, limit: limit)
    }
}
