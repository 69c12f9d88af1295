import Foundation
import PMCModel
import Platform
import WebDataset

/// The names biomedica writes in a dataset folder, and the rules that follow from them: a file
/// under `shards/`, `parquet/`, `features/` or `annotation/` with another name is not ours, is
/// never deleted, and keeps a run from writing there.
enum DatasetFiles {
    /// The areas checked, and each one's rule for the path of a file under it (its components).
    private static let areas: [(name: String, admits: @Sendable ([Substring]) -> Bool)] = [
        ("shards", { path in
            path.count == 2 && isGroup(path[0]) && (isShardFile(path[1]) || isIndexFile(path[1]))
        }),
        ("parquet", { path in
            path.count == 1 && ["samples.parquet", "articles.parquet"].contains(dropPartial(path[0]))
        }),
        ("features", { path in
            path.count == 3 && isGroup(path[1]) && isFeatureFile(path[2])
        }),
        ("annotation", { path in
            guard path.count == 2 else { return false }
            let folder = dropSuffixes(path[0], [".partial", ".old"])
            let name = dropPartial(path[1])
            if folder == "model" { return name == "model.json" || name.hasSuffix(".npy") }
            if folder == "review" { return name == "clusters.json" || isNumbered(name, extensions: ["jpg", "json"]) }
            return false
        }),
    ]

    /// True when `name`, directly in a dataset folder, is something biomedica writes there:
    /// its marker, lock and areas, and the catalog (`catalog.sqlite`, or `catalogName`) with
    /// SQLite's and the lock's companion files.
    static func isRootEntry(_ name: String, catalogName: String?) -> Bool {
        // The marker's temporary file: another run writing it now, or one killed while it did.
        if AtomicFile.finalName(ofPartial: name) == DatasetLayout.markerName { return true }
        if [DatasetLayout.markerName, DatasetLayout.lockName].contains(name) { return true }
        if areas.contains(where: { $0.name == name }) { return true }
        for catalog in ["catalog.sqlite", catalogName].compactMap({ $0 }) {
            if ["", "-wal", "-shm", "-journal", ".lock"].contains(where: { catalog + $0 == name }) { return true }
        }
        return false
    }

    /// Checks that every file under the areas is one biomedica writes.
    /// - Throws: `DatasetError.foreignFile` naming the first that is not.
    static func check(_ layout: DatasetLayout) throws(DatasetError) {
        try forEachFile(of: layout) { (url, isOurs) throws(DatasetError) in
            if !isOurs { throw .foreignFile(url.path) }
        }
    }

    /// Deletes every file biomedica wrote under `shards/`, `parquet/` and `features/`, then the
    /// folders left empty.
    static func removeOutputs(of layout: DatasetLayout) throws(DatasetError) {
        let outputs = [layout.shardsFolder, layout.parquetFolder, layout.featuresFolder]
        var folders: [URL] = []
        try forEachFile(of: layout, areas: Set(outputs.map(\.lastPathComponent))) { (url, isOurs) throws(DatasetError) in
            guard isOurs else { return }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw .unwritable(path: url.path, reason: "cannot remove: \(ErrorText.describe(error))")
            }
            folders.append(url.deletingLastPathComponent())
        }
        removeEmptyFolders(Set(folders), upTo: layout.root)
    }

    /// Deletes a folder biomedica made inside an area (a replaced model or review) and the files
    /// in it, all of them its own.
    static func removeOwnFolder(_ folder: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        try FileManager.default.removeItem(at: folder)
    }

    /// Calls `body` with every file under the areas (all of them, or those named in `only`) and
    /// whether biomedica writes it; anything that is not a plain file or folder is not ours.
    private static func forEachFile(
        of layout: DatasetLayout, areas only: Set<String>? = nil, _ body: (URL, Bool) throws(DatasetError) -> Void
    ) throws(DatasetError) {
        let fm = FileManager.default
        for area in areas where only?.contains(area.name) ?? true {
            let top = layout.root.appendingPathComponent(area.name)
            guard let entries = fm.enumerator(at: top, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey], options: []) else {
                continue
            }
            let prefix = top.standardizedFileURL.path + "/"
            for case let url as URL in entries {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
                if values?.isDirectory == true { continue }
                let path = url.standardizedFileURL.path
                let relative = path.hasPrefix(prefix) ? path.dropFirst(prefix.count) : Substring(path)
                try body(url, values?.isRegularFile == true && area.admits(relative.split(separator: "/")))
            }
        }
    }

    /// Removes each folder in `folders` that is empty, and then its parents up to `root`.
    private static func removeEmptyFolders(_ folders: Set<URL>, upTo root: URL) {
        let stop = root.standardizedFileURL.path
        for folder in folders.sorted(by: { $0.path.count > $1.path.count }) {
            var current = folder.standardizedFileURL
            while current.path.hasPrefix(stop + "/"), (try? FileManager.default.contentsOfDirectory(atPath: current.path))?.isEmpty == true,
                  (try? FileManager.default.removeItem(at: current)) != nil {
                current = current.deletingLastPathComponent()
            }
        }
    }

    private static func isGroup(_ name: Substring) -> Bool {
        LicenseGroup(rawValue: String(name)) != nil
    }

    /// `NNNNNN.tar`, being written (`.partial`) or relabelled (`.relabel`).
    private static func isShardFile(_ name: Substring) -> Bool {
        isNumbered(dropSuffixes(name, [".partial", ".relabel"]), extensions: ["tar"])
    }

    private static func isIndexFile(_ name: Substring) -> Bool {
        [ShardIndex.sizesFileName, ShardIndex.indexFileName].contains(dropPartial(name))
    }

    /// `NNNNNN.npy` and `NNNNNN.keys`, or either being written.
    private static func isFeatureFile(_ name: Substring) -> Bool {
        // `.rows`: the vectors of a shard serialize is still writing (see `ShardFeatureWriter`).
        isNumbered(dropPartial(name), extensions: ["npy", "keys", "rows"])
    }

    /// True for digits, a dot and one of `extensions`.
    private static func isNumbered(_ name: String, extensions: [String]) -> Bool {
        guard let dot = name.firstIndex(of: ".") else { return false }
        let stem = name[..<dot]
        return !stem.isEmpty && stem.allSatisfy(\.isASCII) && stem.allSatisfy(\.isNumber)
            && extensions.contains(String(name[name.index(after: dot)...]))
    }

    private static func dropPartial(_ name: Substring) -> String {
        AtomicFile.finalName(ofPartial: name) ?? String(name)
    }

    private static func dropSuffixes(_ name: Substring, _ suffixes: [String]) -> String {
        let text = String(name)
        for suffix in suffixes where text.hasSuffix(suffix) { return String(text.dropLast(suffix.count)) }
        return text
    }
}
