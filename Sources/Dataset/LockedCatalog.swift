import Catalog
import Foundation
import Platform

/// A run's catalog, opened under its lock file `FILE.lock`: one writing run at a time, whatever
/// folder the catalog is in, while readers go on reading SQLite's committed snapshots.
public final class LockedCatalog: Sendable {
    /// The catalog.
    public let catalog: Catalog
    private let lock: FileLock

    private init(catalog: Catalog, lock: FileLock) {
        self.catalog = catalog
        self.lock = lock
    }

    /// Opens the catalog at `url` to write into it, created when absent if `create`.
    /// - Throws: `DatasetError.missingCatalog` when it must exist and does not, `.busy` when
    ///   another run writes it (with `wait`, waits instead), `CatalogError` when it cannot be opened.
    public static func openForWriting(_ url: URL, create: Bool, wait: Bool) async throws -> LockedCatalog {
        let path = url.standardizedFileURL.path
        if !create && !FileManager.default.fileExists(atPath: path) { throw DatasetError.missingCatalog(path) }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw DatasetError.unwritable(path: url.deletingLastPathComponent().path, reason: ErrorText.describe(error))
        }
        let lock = try await DatasetFolder.lock(path + ".lock", guarding: path, mode: .exclusive, wait: wait)
        do {
            return LockedCatalog(catalog: try Catalog(path: path), lock: lock)
        } catch {
            lock.release()
            throw error
        }
    }

    /// Lets the catalog go: another run may write it. Later calls do nothing.
    public func release() {
        lock.release()
    }
}
