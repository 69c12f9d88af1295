import Catalog
import Foundation
import Platform
import PMCModel
import Parquet
import WebDataset

/// Checks a dataset against its own records, reading every byte: each shard against `index.json`
/// (size, MD5, samples) and the catalog (the samples it puts in that shard, in order), `sizes.json`
/// against `index.json`, the Parquet tables' row counts against the catalog, and the catalog
/// itself (SQLite's integrity check). What a user runs after copying a dataset; a resumed build
/// checks only sizes and times.
public struct DatasetVerifier: Sendable {
    private let catalog: Catalog
    private let dataset: DatasetFolder

    /// A verifier of `dataset`, whose catalog is `catalog`.
    public init(catalog: Catalog, dataset: DatasetFolder) {
        self.catalog = catalog
        self.dataset = dataset
    }

    private var layout: DatasetLayout { dataset.layout }

    /// Every disagreement found, each naming the file and what differs; empty when the dataset is
    /// as its records say. `progress` is told the shards read and their total.
    public func disagreements(progress: (Int, Int) -> Void = { _, _ in }) throws -> [String] {
        var found = try catalog.integrityProblems().map { "\(catalog.path): SQLite integrity check: \($0)" }
        guard let checkpoint = try catalog.datasetCheckpoint(), checkpoint.finished else {
            return found + ["\(catalog.path): the dataset was not serialized to the end: run `biomedica build` (or serialize) again"]
        }
        let groups = LicenseGroup.allCases.filter {
            checkpoint.writers[$0.rawValue] != nil || FileManager.default.fileExists(atPath: layout.shards($0).path)
        }
        let shardCount = try groups.reduce(0) { $0 + (try shardNames(in: $1).count) }
        var done = 0
        for group in groups {
            found += try check(group) {
                done += 1
                progress(done, shardCount)
            }
        }
        found += try checkTables()
        return found
    }

    /// Writes again what the catalog can rebuild: the Parquet tables, and a group's `index.json`
    /// and `sizes.json` when every shard of it on disk is the one written (its MD5 that of the
    /// checkpoint or the shard's stamp, or failing those of the old index) and holds the samples
    /// the catalog puts there. Returns what it wrote. Shards themselves come from the source: a
    /// build writes a changed one again.
    public func repair() throws -> [String] {
        var repaired: [String] = []
        guard let checkpoint = try catalog.datasetCheckpoint(), checkpoint.finished else { return repaired }
        for group in LicenseGroup.allCases where FileManager.default.fileExists(atPath: layout.shards(group).path) {
            let folder = layout.shards(group)
            let position = checkpoint.writers[group.rawValue]
            let indexed = Dictionary(((try? ShardIndex.read(from: folder)) ?? []).map { ($0.name, $0.md5) }, uniquingKeysWith: { $1 })
            var results: [ShardResult] = []
            for name in try shardNames(in: group) {
                let url = folder.appendingPathComponent(name)
                let expected = try catalog.writtenSamples(inShard: "\(group.rawValue)/\(name)").map(\.key)
                let recorded = position?.completed.first { $0.name == name }?.md5 ?? position?.stamps?[name]?.md5 ?? indexed[name]
                guard let read = try? Self.read(url), read.keys == expected, recorded.map({ $0 == read.md5 }) ?? true else {
                    results = []
                    break
                }
                results.append(ShardResult(name: name, samples: read.keys.count, bytes: read.bytes, md5: read.md5))
            }
            guard !results.isEmpty, (try? ShardIndex.read(from: folder)) != results || !sizesMatch(results, in: folder) else { continue }
            try ShardIndex.write(results, to: folder)
            repaired.append("\(folder.path): \(ShardIndex.indexFileName) and \(ShardIndex.sizesFileName) written from the shards")
        }
        if try !checkTables().isEmpty {
            let options = SerializeOptions(fingerprint: checkpoint.options)
            try DatasetTables(catalog: catalog, layout: layout, compat: options?.biomedicaCompat ?? false).write()
            repaired.append("\(layout.parquetFolder.path): tables written from the catalog")
        }
        return repaired
    }

    /// The shard files of `group` on disk, in name order.
    private func shardNames(in group: LicenseGroup) throws -> [String] {
        let folder = layout.shards(group)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { ShardWriter.shardNumber(of: $0) != nil }.sorted()
    }

    private func check(_ group: LicenseGroup, shardRead: () -> Void) throws -> [String] {
        let folder = layout.shards(group)
        var found: [String] = []
        let index: [ShardResult]
        do {
            index = try ShardIndex.read(from: folder)
        } catch {
            return ["\(folder.appendingPathComponent(ShardIndex.indexFileName).path): cannot be read: \(ErrorText.describe(error))"]
        }
        if !sizesMatch(index, in: folder) {
            found.append("\(folder.appendingPathComponent(ShardIndex.sizesFileName).path): does not give the sample counts of \(ShardIndex.indexFileName)")
        }
        let onDisk = try shardNames(in: group)
        for name in Set(onDisk).subtracting(index.map(\.name)).sorted() {
            found.append("\(folder.appendingPathComponent(name).path): on disk but not in \(ShardIndex.indexFileName)")
        }
        for entry in index {
            let url = folder.appendingPathComponent(entry.name)
            defer { shardRead() }
            let expected = try catalog.writtenSamples(inShard: "\(group.rawValue)/\(entry.name)").map(\.key)
            if expected.count != entry.samples {
                found.append("\(url.path): \(ShardIndex.indexFileName) gives \(entry.samples) samples, the catalog \(expected.count)")
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                found.append("\(url.path): in \(ShardIndex.indexFileName) but not on disk")
                continue
            }
            let read: (keys: [String], bytes: Int, md5: String)
            do {
                read = try Self.read(url)
            } catch {
                found.append("\(url.path): cannot be read as a shard: \(ErrorText.describe(error))")
                continue
            }
            if read.bytes != entry.bytes { found.append("\(url.path): \(read.bytes) bytes, \(ShardIndex.indexFileName) gives \(entry.bytes)") }
            if read.md5 != entry.md5 { found.append("\(url.path): MD5 \(read.md5), \(ShardIndex.indexFileName) gives \(entry.md5)") }
            if read.keys.count != entry.samples {
                found.append("\(url.path): holds \(read.keys.count) samples, \(ShardIndex.indexFileName) gives \(entry.samples)")
            }
            if read.keys != expected, read.keys.count == expected.count {
                found.append("\(url.path): its samples are not those the catalog puts in it, in that order")
            }
        }
        return found
    }

    /// Whether `sizes.json` in `folder` gives the sample counts of `index`.
    private func sizesMatch(_ index: [ShardResult], in folder: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(ShardIndex.sizesFileName).path),
              let sizes = try? JSONDecoder().decode([String: Int].self, from: data)
        else { return false }
        return sizes == Dictionary(index.map { ($0.name, $0.samples) }, uniquingKeysWith: { $1 })
    }

    /// The row counts of both tables against the catalog.
    private func checkTables() throws -> [String] {
        let samples = try catalog.writtenSampleCounts().values.reduce(0, +)
        let articles = try catalog.countStoredArticles(after: nil)
        var found: [String] = []
        for (url, expected) in [(layout.samplesTable, samples), (layout.articlesTable, articles)] {
            guard FileManager.default.fileExists(atPath: url.path) else {
                found.append("\(url.path): not there")
                continue
            }
            do {
                let rows = try ParquetFooter(of: url).rows
                if rows != Int64(expected) { found.append("\(url.path): \(rows) rows, the catalog \(expected)") }
            } catch {
                found.append("\(error)")
            }
        }
        return found
    }

    /// The sample keys of the shard at `url` in order, read member by member, with its size and MD5.
    private static func read(_ url: URL) throws -> (keys: [String], bytes: Int, md5: String) {
        let reader = try ShardReader(url: url)
        var keys: [String] = []
        while let sample = try reader.next() { keys.append(sample.key) }
        guard let md5 = ShardStamp.md5(of: url), let bytes = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int else {
            throw WebDatasetError.io(path: url.path, reason: "cannot be read")
        }
        return (keys, bytes, md5)
    }
}
