import Annotation
import Foundation
import PMCModel
import Platform

/// A dataset folder, opened by one run: the way into a dataset for every stage that writes one
/// (serialize, merge, annotate) and for those that read one beside its writers.
///
/// A writer holds the folder's lock alone: a second writer waits or is refused with the first
/// one's PID, never interleaved with it. Readers hold it together. A folder is written into only
/// when it is new, empty, marked as a biomedica dataset, or holds nothing but what biomedica
/// writes (a dataset from before the marker, a catalog an `extract` made); and only when every
/// file under `shards/`, `parquet/`, `features/` and `annotation/` is one biomedica writes. So
/// removing the outputs before a rewrite never removes a file of the user's.
public final class DatasetFolder: Sendable {
    /// Where the dataset's files are.
    public let layout: DatasetLayout
    private let lock: FileLock?

    private init(layout: DatasetLayout, lock: FileLock?) {
        self.layout = layout
        self.lock = lock
    }

    /// The folder.
    public var root: URL { layout.root }

    /// Opens the folder at `root` to write into it, creating it when absent. `catalog` is the
    /// run's catalog file, which may sit in the folder under any name.
    /// - Throws: `DatasetError`: the folder is someone else's, holds a foreign file where
    ///   biomedica writes, or another run holds it (with `wait`, waits for it instead).
    public static func openForWriting(_ root: URL, catalog: URL?, wait: Bool) async throws -> DatasetFolder {
        let layout = DatasetLayout(root: root.standardizedFileURL)
        try claim(layout, catalog: catalog)
        let lock = try await Self.lock(layout.lockFile.path, guarding: layout.root.path, mode: .exclusive, wait: wait)
        let folder = DatasetFolder(layout: layout, lock: lock)
        try DatasetFiles.check(layout)
        if !FileManager.default.fileExists(atPath: layout.marker.path) {
            do {
                try AtomicFile.write(Data(Self.markerText.utf8), to: layout.marker.path)
            } catch {
                throw DatasetError.unwritable(path: layout.marker.path, reason: "\(error)")
            }
        }
        return folder
    }

    /// Opens the dataset at `root` to read it beside other readers: a writer's run finishes first
    /// (or, without `wait`, the call is refused). A folder whose lock file cannot be made (a
    /// read-only copy) is read without a lock.
    public static func openForReading(_ root: URL, wait: Bool) async throws -> DatasetFolder {
        let layout = DatasetLayout(root: root.standardizedFileURL)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.root.path, isDirectory: &isFolder) else {
            throw DatasetError.missing(layout.root.path)
        }
        guard isFolder.boolValue else { throw DatasetError.notAFolder(layout.root.path) }
        do {
            return DatasetFolder(layout: layout, lock: try await Self.lock(layout.lockFile.path, guarding: layout.root.path, mode: .shared, wait: wait))
        } catch DatasetError.unwritable {
            return DatasetFolder(layout: layout, lock: nil)
        }
    }

    /// Takes the lock file at `path` for the folder or catalog `guarded`.
    /// - Throws: `DatasetError.busy` naming the holder, or `.unwritable` when the lock file
    ///   cannot be made.
    public static func lock(_ path: String, guarding guarded: String, mode: FileLock.Mode, wait: Bool) async throws -> FileLock {
        do {
            return try await FileLock.acquire(path, mode: mode, wait: wait)
        } catch FileLockError.held(_, let holder) {
            throw DatasetError.busy(path: guarded, holder: holder)
        } catch FileLockError.unavailable(let path, let reason) {
            throw DatasetError.unwritable(path: path, reason: reason)
        }
    }

    /// Lets the folder go: another run may take it. Later calls do nothing.
    public func release() {
        lock?.release()
    }

    /// Deletes the shards, tables and features biomedica wrote, leaving the rest of the folder
    /// alone: features belong to the shards they were computed from.
    public func removeOutputs() throws(DatasetError) {
        try DatasetFiles.removeOutputs(of: layout)
    }

    /// Deletes everything in the folder, its marker and lock file too: for a run that found the
    /// folder empty, made it a dataset, and failed (a merge), so that it is empty again. The lock
    /// stays held until `release()`.
    public func removeAll() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
        }
    }

    /// Writes a shard's feature file and its keys.
    public func writeFeatures(_ file: FeatureFile, extractor: String, group: LicenseGroup, shard: String) throws {
        let target = layout.featureFile(extractor: extractor, group: group, shard: shard)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw DatasetError.unwritable(path: target.deletingLastPathComponent().path, reason: "\(error)")
        }
        try file.write(to: target.path)
    }

    /// Fills the folder `target` of the dataset (the model, the review material) anew: `body`
    /// writes into an empty folder beside it, which then takes its place, so that a reader sees
    /// the old contents or the new, and a run stopped midway leaves the old ones.
    public func replaceFolder<T>(_ target: URL, _ body: (URL) throws -> T) throws -> T {
        let fm = FileManager.default
        let staging = URL(fileURLWithPath: target.path + ".partial")
        let previous = URL(fileURLWithPath: target.path + ".old")
        do {
            for leftover in [staging, previous] where fm.fileExists(atPath: leftover.path) {
                try DatasetFiles.removeOwnFolder(leftover)
            }
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw DatasetError.unwritable(path: staging.path, reason: "\(error)")
        }
        let result = try body(staging)
        do {
            if fm.fileExists(atPath: target.path) { try fm.moveItem(at: target, to: previous) }
            try fm.moveItem(at: staging, to: target)
            if fm.fileExists(atPath: previous.path) { try DatasetFiles.removeOwnFolder(previous) }
        } catch {
            throw DatasetError.unwritable(path: target.path, reason: "\(error)")
        }
        return result
    }

    /// What the marker holds: the layout's format, for a later version to read.
    private static let markerText = "{\"format\":\"biomedica-dataset\",\"version\":1}\n"

    /// Checks that the folder at `layout` may be written into, creating it when absent.
    private static func claim(_ layout: DatasetLayout, catalog: URL?) throws(DatasetError) {
        let fm = FileManager.default
        let root = layout.root.path
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isFolder) else {
            do {
                try fm.createDirectory(at: layout.root, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(path: root, reason: "\(error)")
            }
            return
        }
        guard isFolder.boolValue else { throw .notAFolder(root) }
        if fm.fileExists(atPath: layout.marker.path) { return }
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: root).sorted()
        } catch {
            throw .unwritable(path: root, reason: "\(error)")
        }
        let catalogName = catalog.map(\.standardizedFileURL).flatMap { $0.deletingLastPathComponent().path == root ? $0.lastPathComponent : nil }
        if let foreign = entries.first(where: { !DatasetFiles.isRootEntry($0, catalogName: catalogName) }) {
            throw .notADataset(folder: root, entry: foreign)
        }
    }
}
