import Catalog
import Foundation
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
/// the catalog takes the samples' JSON and the shard's new size in one transaction. The serialize
/// checkpoint follows the new sizes, so a later `build` continues the shards as before. A run
/// stopped at any point is finished by running it again: a shard already rewritten is written to
/// the same bytes.
public struct AnnotationWriter: Sendable {
    private let catalog: Catalog
    private let layout: DatasetLayout
    private let logger: Logger

    /// A writer for the dataset under `dataset`, whose catalog is `catalog`.
    public init(catalog: Catalog, dataset: URL, logger: Logger) {
        self.catalog = catalog
        self.layout = DatasetLayout(root: dataset)
        self.logger = logger
    }

    /// What a run changed.
    public struct Summary: Sendable, Equatable {
        /// Samples whose JSON changed.
        public var samplesChanged = 0
        /// Shards rewritten.
        public var shardsRewritten = 0
        /// Shards left as they were.
        public var shardsUnchanged = 0
    }

    /// Brings every shard, the indexes and the tables in line with the catalog's annotations;
    /// `progress` is told the shards done and their total.
    /// - Throws: `AnnotationWriterError` when serialize has not finished the dataset, or a shard
    ///   does not hold the samples the catalog says it holds.
    public func run(progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Summary {
        guard let text = try catalog.serializeCheckpoint(), var checkpoint = SerializeCheckpoint.decode(text), checkpoint.finished else {
            throw AnnotationWriterError.notSerialized(catalog: catalog.path)
        }
        var summary = Summary()
        let labels = try catalog.clusterLabels()
        let groups = checkpoint.writers.keys.sorted()
        let total = checkpoint.writers.values.reduce(0) { $0 + Self.shards(of: $1).count }
        for name in groups {
            guard let group = LicenseGroup(rawValue: name), var position = checkpoint.writers[name] else { continue }
            let folder = layout.shards(group)
            var index = try ShardIndex.read(from: folder)
            for (slot, shard) in Self.shards(of: position).enumerated() {
                let rows = try catalog.writtenSamples(inShard: "\(name)/\(shard)")
                let changed = try relabelled(rows, labels: labels)
                if changed.isEmpty {
                    summary.shardsUnchanged += 1
                } else {
                    let written = try rewrite(folder.appendingPathComponent(shard), json: Dictionary(changed, uniquingKeysWith: { $1 }))
                    let result = ShardResult(name: shard, samples: rows.count, bytes: written.bytes, md5: written.md5)
                    if slot < position.completed.count {
                        position.completed[slot] = result
                    } else {
                        position.openBytes = written.bytes - TarWriter.endOfArchiveSize
                    }
                    index.removeAll { $0.name == shard }
                    index.append(result)
                    checkpoint.writers[name] = position
                    // The index first: should the commit not happen, the next run writes both again.
                    try ShardIndex.write(index, to: folder)
                    try catalog.updateSampleMetadata(changed, checkpoint: checkpoint.encoded())
                    summary.shardsRewritten += 1
                    summary.samplesChanged += changed.count
                    logger.debug("\(name)/\(shard): \(changed.count) samples relabelled")
                }
                progress(summary.shardsRewritten + summary.shardsUnchanged, total)
            }
        }
        if summary.shardsRewritten > 0 || !FileManager.default.fileExists(atPath: layout.samplesTable.path) {
            let options = SerializeOptions(fingerprint: checkpoint.options)
            try DatasetTables(catalog: catalog, layout: layout, compat: options?.biomedicaCompat ?? false).write()
        }
        return summary
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
            sample.annotate(cluster: row.cluster, labels: row.cluster.flatMap { labels[$0] })
            let json = String(decoding: try encoder.encode(sample), as: UTF8.self)
            if json != row.metadata { changed.append((row.key, json)) }
        }
        return changed
    }

    /// Copies the shard at `url` with the JSON members of the samples in `json` replaced, then
    /// puts the copy in its place. Returns the new size and MD5.
    private func rewrite(_ url: URL, json: [String: String]) throws -> (bytes: Int, md5: String) {
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
            throw WebDatasetError.io(path: temporary.path, reason: "\(error)")
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
            throw WebDatasetError.io(path: temporary.path, reason: "\(error)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw WebDatasetError.io(path: url.path, reason: "cannot replace: \(String(cString: strerror(errno)))")
        }
        return result
    }
}

/// Why annotations could not be written into a dataset.
public enum AnnotationWriterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The catalog has no finished serialize run: there are no shards to label.
    case notSerialized(catalog: String)
    /// A shard lacks JSON members the catalog says it holds.
    case shardMismatch(shard: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .notSerialized(let catalog):
            "\(catalog): the dataset was not serialized to the end: run `biomedica serialize` (or `build`) first"
        case .shardMismatch(let shard, let expected, let found):
            "\(shard): holds \(found) of the \(expected) samples the catalog puts in it: run `biomedica serialize` to write the shards again"
        }
    }
}
