import Catalog
import Foundation
import Platform
import Logging
import PMCModel
import WebDataset
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes what the catalog says of each image's cluster and labels into a built dataset: the
/// samples' JSON in the catalog and in the shards (`image_label_id`, `image_panel_type`,
/// `image_panel_subtype`, `image_primary_label`, `image_secondary_label`), the shard indexes and
/// the Parquet tables.
///
/// Images are never decoded or fetched again: each shard whose samples changed is copied member
/// by member with new JSON members, to a temporary file that replaces it once synced, and then
/// the catalog takes the samples' JSON and the shard's new size in one transaction. Several shards
/// are copied at once; their commits follow one another as they finish. The serialize
/// checkpoint follows the new sizes, so a later `build` continues the shards as before. A run
/// stopped at any point is finished by running it again: a shard already rewritten is written to
/// the same bytes.
public struct AnnotationWriter: Sendable {
    private let catalog: Catalog
    private let dataset: DatasetFolder
    private let logger: Logger

    /// A writer for `dataset`, whose catalog is `catalog`.
    public init(catalog: Catalog, dataset: DatasetFolder, logger: Logger) {
        self.catalog = catalog
        self.dataset = dataset
        self.logger = logger
    }

    private var layout: DatasetLayout { dataset.layout }

    /// What a run changed.
    public struct Summary: Sendable, Equatable {
        /// Samples whose JSON changed.
        public var samplesChanged = 0
        /// Shards rewritten.
        public var shardsRewritten = 0
        /// Shards left as they were.
        public var shardsUnchanged = 0

        /// Nothing changed yet.
        public init() {}
    }

    /// Brings every shard, the indexes and the tables in line with the catalog's annotations,
    /// `jobs` shards at a time; `progress` is told the shards done and their total.
    /// - Throws: `AnnotationWriterError` when serialize has not finished the dataset, or a shard
    ///   does not hold the samples the catalog says it holds.
    public func run(jobs: Int = 1, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        guard var checkpoint = try catalog.datasetCheckpoint(), checkpoint.finished else {
            throw AnnotationWriterError.notSerialized(catalog: catalog.path)
        }
        var summary = Summary()
        let labels = try catalog.clusterLabels()
        var work: [(group: LicenseGroup, slot: Int, shard: String)] = []
        var indexes: [LicenseGroup: [ShardResult]] = [:]
        for name in checkpoint.writers.keys.sorted() {
            guard let group = LicenseGroup(rawValue: name), let position = checkpoint.writers[name] else { continue }
            indexes[group] = try ShardIndex.read(from: layout.shards(group))
            work += Self.shards(of: position).enumerated().map { (group, $0.offset, $0.element) }
        }
        try await withThrowingTaskGroup(of: RelabelledShard.self) { tasks in
            var started = 0
            func startNext() {
                guard started < work.count else { return }
                let next = work[started]
                started += 1
                // Blocking reads, writes and syncs, at most `jobs` of them: they hold as many of
                // the pool's threads, and the commits below wait for one to come free.
                tasks.addTask { try relabel(shard: next.shard, slot: next.slot, group: next.group, labels: labels) }
            }
            while started < min(max(1, jobs), work.count) { startNext() }
            // Shards are rewritten side by side; what they change is committed here, one at a time,
            // in the order they finish, so that the index and checkpoint name only shards in place.
            while let done = try await tasks.next() {
                startNext()
                defer { progress(summary.shardsRewritten + summary.shardsUnchanged, work.count) }
                guard let written = done.written else {
                    summary.shardsUnchanged += 1
                    continue
                }
                let result = ShardResult(name: done.shard, samples: done.samples, bytes: written.bytes, md5: written.md5)
                var position = checkpoint.writers[done.group.rawValue, default: ShardWriterPosition()]
                if done.slot < position.completed.count {
                    position.completed[done.slot] = result
                } else {
                    position.openBytes = written.bytes - TarWriter.endOfArchiveSize
                }
                position.stamps?[done.shard] = written.stamp
                checkpoint.writers[done.group.rawValue] = position
                checkpoint.tablesOutdated = true
                var index = indexes[done.group, default: []].filter { $0.name != done.shard } + [result]
                index.sort { $0.name < $1.name }
                indexes[done.group] = index
                // The index first: should the commit not happen, the next run writes both again.
                try ShardIndex.write(index, to: layout.shards(done.group))
                let stamps = written.stamp.map { ["\(done.group.rawValue)/\(done.shard)": $0] } ?? [:]
                try catalog.updateSampleMetadata(
                    done.changed, checkpoint: checkpoint.encoded(), stamps: SerializeCheckpoint.stampRows(stamps, since: [:]))
                summary.shardsRewritten += 1
                summary.samplesChanged += done.changed.count
                logger.debug("\(done.group.rawValue)/\(done.shard): \(done.changed.count) samples relabelled")
            }
        }
        // Tables an earlier run left outdated (it was stopped after its last shard's commit) are
        // written too, though no shard changes now.
        if checkpoint.tablesOutdated == true || !FileManager.default.fileExists(atPath: layout.samplesTable.path) {
            let options = SerializeOptions(fingerprint: checkpoint.options)
            try DatasetTables(catalog: catalog, layout: layout, compat: options?.biomedicaCompat ?? false).write()
            checkpoint.tablesOutdated = nil
            try catalog.commitSerialization([], checkpoint: checkpoint.encoded())
        }
        return summary
    }

    /// What relabelling one shard did, for the commit that follows it.
    private struct RelabelledShard: Sendable {
        /// The shard's license group, file name, and place among its writer's shards.
        let group: LicenseGroup
        let shard: String
        let slot: Int
        /// The samples the shard holds.
        let samples: Int
        /// The samples whose JSON changed, with their new JSON.
        let changed: [(key: String, metadata: String)]
        /// The rewritten shard's size, MD5 and stamp; nil when nothing changed and it was left alone.
        let written: (bytes: Int, md5: String, stamp: ShardStamp?)?
    }

    /// Rewrites the shard `shard` of license group `group` when the catalog's clusters and `labels`
    /// change any of its samples' JSON.
    private func relabel(shard: String, slot: Int, group: LicenseGroup, labels: [Int: ClusterLabel]) throws -> RelabelledShard {
        let rows = try catalog.writtenSamples(inShard: "\(group.rawValue)/\(shard)")
        let changed = try relabelled(rows, labels: labels)
        let written = changed.isEmpty ? nil : try rewrite(layout.shards(group).appendingPathComponent(shard), json: Dictionary(changed, uniquingKeysWith: { $1 }))
        return RelabelledShard(group: group, shard: shard, slot: slot, samples: rows.count, changed: changed, written: written)
    }

    /// The shard names a writer position counts: the finished ones, then the last one.
    private static func shards(of position: ShardWriterPosition) -> [String] {
        position.completed.map(\.name) + (position.openBytes > 0 ? [ShardWriter.shardName(position.openNumber)] : [])
    }

    /// The samples among `rows` whose JSON changes with their cluster and its labels, with their new JSON.
    private func relabelled(_ rows: [WrittenSample], labels: [Int: ClusterLabel]) throws -> [(key: String, metadata: String)] {
        let decoder = JSONDecoder()
        let encoder = Sample.jsonEncoder()
        var changed: [(key: String, metadata: String)] = []
        for row in rows {
            var sample = try decoder.decode(Sample.self, from: Data(row.metadata.utf8))
            sample.annotate(cluster: row.cluster, labels: labels)
            let json = String(decoding: try encoder.encode(sample), as: UTF8.self)
            if json != row.metadata { changed.append((row.key, json)) }
        }
        return changed
    }

    /// Copies the shard at `url` with the JSON members of the samples in `json` replaced, then
    /// puts the copy in its place. Returns the new size, MD5 and stamp.
    private func rewrite(_ url: URL, json: [String: String]) throws -> (bytes: Int, md5: String, stamp: ShardStamp?) {
        let temporary = url.appendingPathExtension("relabel")
        let reader = try TarReader(url: url)
        let handle: FileHandle
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw WebDatasetError.io(path: temporary.path, reason: "cannot be created")
            }
            handle = try FileHandle(forWritingTo: temporary)
        } catch let error as WebDatasetError {
            throw error
        } catch {
            throw WebDatasetError.io(path: temporary.path, reason: ErrorText.describe(error))
        }
        defer { try? handle.close() }
        var replaced = 0
        var writer: TarWriter?
        while let entry = try reader.next() {
            let tar = try writer ?? TarWriter(fileHandle: handle, modificationTime: entry.modificationTime)
            writer = tar
            if let parts = ShardReader.split(entry.name), parts.ext == "json", let new = json[parts.key] {
                try tar.append(name: entry.name, contents: Data(new.utf8))
                replaced += 1
            } else {
                try tar.append(name: entry.name, contents: entry.data)
            }
        }
        guard let writer, replaced == json.count else {
            try? FileManager.default.removeItem(at: temporary)
            throw AnnotationWriterError.shardMismatch(shard: url.path, expected: json.count, found: replaced)
        }
        let result = try writer.finish()
        do {
            try handle.synchronize()
        } catch {
            throw WebDatasetError.io(path: temporary.path, reason: ErrorText.describe(error))
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw WebDatasetError.io(path: url.path, reason: "cannot replace: \(String(cString: strerror(errno)))")
        }
        return (result.bytes, result.md5, ShardStamp.of(url, md5: result.md5))
    }
}

/// Why annotations could not be written into a dataset.
public enum AnnotationWriterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The catalog has no finished serialize run: there are no shards to label.
    case notSerialized(catalog: String)
    /// No image of the dataset has a cluster yet: there is nothing to label.
    case notAssigned(dataset: String)
    /// A shard lacks JSON members the catalog says it holds.
    case shardMismatch(shard: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .notSerialized(let catalog):
            "\(catalog): the dataset was not serialized to the end: run `biomedica serialize` (or `build`) first"
        case .notAssigned(let dataset):
            "no image has a cluster yet: run `biomedica annotate assign --dataset \(dataset)` first"
        case .shardMismatch(let shard, let expected, let found):
            "\(shard): holds \(found) of the \(expected) samples the catalog puts in it: run `biomedica serialize` to write the shards again"
        }
    }
}
