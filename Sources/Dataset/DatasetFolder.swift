import Foundation
import PMCModel
import Platform

/// A dataset folder, opened by one run: the way into a dataset for every stage that writes one
/// (serialize, merge, annotate) and for those that read one beside its writers.
///
/// A writer holds the folder's lock alone: a second writer waits or is refused with the first
/// one's PID, never interleaved with it. Readers hold it together, and so do runs that only add
/// files of their own (the feature files of an array's tasks). A folder is written into only when
/// it is new, empty, marked as a biomedica dataset, or holds nothing but what biomedica writes (a
/// dataset from before the marker, a catalog an `extract` made); and only when every file under
/// `shards/`, `parquet/`, `features/` and `annotation/` is one biomedica writes. So removing the
/// outputs before a rewrite never removes a file of the user's.
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

    /// Opens the folder at `root` to write into it, alone, creating it when absent. `catalog` is
    /// the run's catalog file, which may sit in the folder under any name.
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
                throw DatasetError.unwritable(path: layout.marker.path, reason: ErrorText.describe(error))
            }
        }
        return folder
    }

    /// Opens the dataset at `root` to add files of this run's own to it (feature files of some
    /// shards), beside readers and other such runs but never beside a writer.
    /// - Throws: `DatasetError`: not a dataset, a foreign file where biomedica writes, a writer
    ///   holds it (with `wait`, waits instead), or its lock cannot be had.
    public static func openForAdding(_ root: URL, wait: Bool) async throws -> DatasetFolder {
        let layout = try existingDataset(root)
        let lock = try await Self.lock(layout.lockFile.path, guarding: layout.root.path, mode: .shared, wait: wait)
        let folder = DatasetFolder(layout: layout, lock: lock)
        try DatasetFiles.check(layout)
        return folder
    }

    /// Opens the dataset at `root` to read it beside other readers: a writer's run finishes first
    /// (or, without `wait`, the call is refused). A dataset on a read-only file system, or whose
    /// lock file is not ours to make (a published copy), is read without a lock.
    public static func openForReading(_ root: URL, wait: Bool) async throws -> DatasetFolder {
        let layout = try existingDataset(root)
        do {
            return DatasetFolder(layout: layout, lock: try await FileLock.acquire(layout.lockFile.path, mode: .shared, wait: wait))
        } catch let error as FileLockError where error.isReadOnlyPlace {
            return DatasetFolder(layout: layout, lock: nil)
        } catch FileLockError.held(_, let holder) {
            throw DatasetError.busy(path: layout.root.path, holder: holder)
        }
    }

    /// Takes the lock file at `path` for the folder or catalog `guarded`.
    /// - Throws: `DatasetError.busy` naming the holder, or `.unwritable` when the lock file
    ///   cannot be made or locked.
    public static func lock(_ path: String, guarding guarded: String, mode: FileLock.Mode, wait: Bool) async throws -> FileLock {
        do {
            return try await FileLock.acquire(path, mode: mode, wait: wait)
        } catch FileLockError.held(_, let holder) {
            throw DatasetError.busy(path: guarded, holder: holder)
        } catch FileLockError.unavailable(let path, let reason, _) {
            throw DatasetError.unwritable(path: path, reason: reason)
        }
    }

    /// Lets the folder go: another run may take it. Later calls do nothing.
    public func release() {
        lock?.release()
    }

    /// Deletes the lock file, then lets the folder go: for a run that found the folder empty and
    /// leaves it so (`clear()`). Deleting a lock file while holding it is safe: a process that
    /// locked it meanwhile finds it gone and locks the file at the path instead.
    public func releaseRemovingLockFile() {
        AtomicFile.removeFile(layout.lockFile.path)
        release()
    }

    /// True when the folder holds nothing but its marker and lock: a dataset yet to be written.
    public var isEmpty: Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.allSatisfy { [DatasetLayout.markerName, DatasetLayout.lockName].contains($0) }
    }

    /// Deletes the shards, tables and features biomedica wrote, leaving the rest of the folder
    /// alone: features belong to the shards they were computed from.
    public func removeOutputs() throws(DatasetError) {
        try DatasetFiles.removeOutputs(of: layout)
    }

    /// Makes the folder empty again but for its lock, for a run that found it empty (`isEmpty`)
    /// or left half-written by a run of its own kind: deletes what biomedica wrote in it (outputs,
    /// the default catalog, the marker). The lock stays held.
    public func clear() throws(DatasetError) {
        try removeOutputs()
        let catalog = layout.defaultCatalog.lastPathComponent
        let names = ["-wal", "-shm", "-journal", ".lock", ""].map { catalog + $0 } + [DatasetLayout.markerName]
        for name in names {
            let url = root.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw .unwritable(path: url.path, reason: "cannot remove: \(ErrorText.describe(error))")
            }
        }
    }

    /// Writes the feature file of one shard: `write` is given its path, in a folder made for it.
    public func writeFeatures(extractor: String, group: LicenseGroup, shard: String, _ write: (String) throws -> Void) throws {
        let target = layout.featureFile(extractor: extractor, group: group, shard: shard)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw DatasetError.unwritable(path: target.deletingLastPathComponent().path, reason: ErrorText.describe(error))
        }
        try write(target.path)
    }

    /// Fills the folder `target` of the dataset (the model, the review material) anew: `body`
    /// writes into an empty folder beside it, which then takes its place. A reader sees the old
    /// contents or the new; a run stopped between the two renames leaves the old contents as
    /// `TARGET.old`, which the next call puts back first.
    public func replaceFolder<T>(_ target: URL, _ body: (URL) throws -> T) throws -> T {
        let fm = FileManager.default
        let staging = URL(fileURLWithPath: target.path + ".partial")
        let previous = URL(fileURLWithPath: target.path + ".old")
        do {
            if !fm.fileExists(atPath: target.path) && fm.fileExists(atPath: previous.path) {
                try fm.moveItem(at: previous, to: target)
            }
            for leftover in [staging, previous] where fm.fileExists(atPath: leftover.path) {
                try DatasetFiles.removeOwnFolder(leftover)
            }
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw DatasetError.unwritable(path: staging.path, reason: ErrorText.describe(error))
        }
        let result = try body(staging)
        do {
            if fm.fileExists(atPath: target.path) { try fm.moveItem(at: target, to: previous) }
            try fm.moveItem(at: staging, to: target)
            if fm.fileExists(atPath: previous.path) { try DatasetFiles.removeOwnFolder(previous) }
        } catch {
            throw DatasetError.unwritable(path: target.path, reason: ErrorText.describe(error))
        }
        return result
    }

    /// The folder holding `path` that is a dataset (marked as one), if any: where a file a person
    /// names (a model folder) would land inside a dataset.
    public static func enclosingDataset(of path: URL) -> URL? {
        var folder = path.standardizedFileURL
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: DatasetLayout(root: folder).marker.path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// What the marker holds: the layout's format, for a later version to read.
    private static let markerText = "{\"format\":\"biomedica-dataset\",\"version\":1}\n"

    /// The layout of the dataset at `root`, which must exist and be one: marked, or holding a
    /// catalog and nothing but what biomedica writes (a dataset from before the marker).
    private static func existingDataset(_ root: URL) throws(DatasetError) -> DatasetLayout {
        let layout = DatasetLayout(root: root.standardizedFileURL)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.root.path, isDirectory: &isFolder) else {
            throw .missing(layout.root.path)
        }
        guard isFolder.boolValue else { throw .notAFolder(layout.root.path) }
        if FileManager.default.fileExists(atPath: layout.marker.path) { return layout }
        guard FileManager.default.fileExists(atPath: layout.defaultCatalog.path) else { throw .missing(layout.root.path) }
        try claim(layout, catalog: nil)
        return layout
    }

    /// Checks that the folder at `layout` may be written into, creating it when absent.
    private static func claim(_ layout: DatasetLayout, catalog: URL?) throws(DatasetError) {
        let fm = FileManager.default
        let root = layout.root.path
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isFolder) else {
            do {
                try fm.createDirectory(at: layout.root, withIntermediateDirectories: true)
            } catch {
                throw .unwritable(path: root, reason: ErrorText.describe(error))
            }
            return
        }
        guard isFolder.boolValue else { throw .notAFolder(root) }
        if fm.fileExists(atPath: layout.marker.path) { return }
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: root).sorted()
        } catch {
            throw .unwritable(path: root, reason: ErrorText.describe(error))
        }
        let catalogName = catalog.map(\.standardizedFileURL).flatMap { $0.deletingLastPathComponent().path == root ? $0.lastPathComponent : nil }
        if let foreign = entries.first(where: { !DatasetFiles.isRootEntry($0, catalogName: catalogName) }) {
            throw .notADataset(folder: root, entry: foreign)
        }
    }
}
