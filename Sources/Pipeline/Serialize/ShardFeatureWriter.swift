import Annotation
import Dataset
import Foundation
import PMCModel
import Platform
import WebDataset

/// Writes the feature file of each shard the serialize stage fills, from the vectors computed
/// while its images were processed, so that annotation need not decode them again.
///
/// Vectors are held only for the shards still open (one per license group), and each is also
/// appended, as it comes, to `NNNNNN.rows` beside the shard's feature file: a run killed midway
/// and started again takes the rows of the samples its checkpoint kept from there, so the feature
/// files it ends with are those of an uninterrupted run. A shard's `.npy` and `.keys` are written
/// when the stage moves on to the group's next shard, and the last ones at the end. A shard an
/// earlier run without features left open is left alone: the vectors of its first samples are
/// not there, and `annotate features` (which `build --annotate` runs next) computes its file.
final class ShardFeatureWriter {
    /// A shard being filled: its vectors so far, and the file they are appended to.
    private struct OpenShard {
        var shard: String
        var keys: [String]
        var values: [Float]
        var rows: FileHandle
    }

    private let dataset: DatasetFolder
    private let extractor: String
    /// The shard each group's earlier run left open without its vectors, by group.
    private var incomplete: [LicenseGroup: String] = [:]
    private var open: [LicenseGroup: OpenShard] = [:]
    /// Shards whose feature files were written.
    private(set) var written = 0

    /// A writer of `extractor`'s files into `dataset`, for shards written from `checkpoint` on.
    init(dataset: DatasetFolder, extractor: String, checkpoint: SerializeCheckpoint) throws {
        self.dataset = dataset
        self.extractor = extractor
        for (name, position) in checkpoint.writers where position.openSamples > 0 {
            guard let group = LicenseGroup(rawValue: name) else { continue }
            let shard = ShardWriter.shardName(position.openNumber)
            let path = rowsPath(group, shard)
            let kept = Self.readRows(path, count: position.openSamples)
            guard let kept, let rows = FileHandle(forUpdatingAtPath: path) else {
                AtomicFile.removeFile(path)
                incomplete[group] = shard
                continue
            }
            // Rows past the checkpoint belong to samples the run lost: they are written again.
            try attempt(path) {
                try rows.truncate(atOffset: UInt64(kept.length))
                try rows.seekToEnd()
            }
            open[group] = OpenShard(shard: shard, keys: kept.keys, values: kept.values, rows: rows)
        }
    }

    /// Takes the vector of a sample written to `shard` (`GROUP/NNNNNN.tar`), in shard order.
    func add(_ vector: [Float], key: String, shard: String, group: LicenseGroup) throws {
        let name = String(shard.split(separator: "/").last ?? "")
        if let current = open[group], current.shard != name { try flush(group) }
        guard incomplete[group] != name else { return }
        if open[group] == nil { open[group] = try start(name, group) }
        open[group]?.keys.append(key)
        open[group]?.values += vector
        let path = rowsPath(group, name)
        try attempt(path) { try open[group]?.rows.write(contentsOf: Self.record(key: key, vector: vector)) }
    }

    /// Writes the files of the shards still open: for the end of the run.
    func finish() throws {
        for group in LicenseGroup.allCases { try flush(group) }
    }

    private func flush(_ group: LicenseGroup) throws {
        guard let shard = open.removeValue(forKey: group) else { return }
        try? shard.rows.close()
        let columns = shard.values.count / max(1, shard.keys.count)
        let file = FeatureFile(matrix: FeatureMatrix(columns: columns, values: shard.values), keys: shard.keys)
        try dataset.writeFeatures(extractor: extractor, group: group, shard: shard.shard) { try file.write(to: $0) }
        AtomicFile.removeFile(rowsPath(group, shard.shard))
        written += 1
    }

    /// An empty rows file for a shard this run begins (replacing one a killed run left).
    private func start(_ shard: String, _ group: LicenseGroup) throws -> OpenShard {
        let path = rowsPath(group, shard)
        let rows = try attempt(path) { () throws -> FileHandle in
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: nil), let rows = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteUnknown)
            }
            return rows
        }
        return OpenShard(shard: shard, keys: [], values: [], rows: rows)
    }

    private func rowsPath(_ group: LicenseGroup, _ shard: String) -> String {
        let features = dataset.layout.featureFile(extractor: extractor, group: group, shard: shard).path
        return String(features.dropLast(".npy".count)) + ".rows"
    }

    private func attempt<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw DatasetError.unwritable(path: path, reason: ErrorText.describe(error))
        }
    }

    /// One row: the key's length and UTF-8 bytes, the vector's length and its float32 values,
    /// little-endian.
    private static func record(key: String, vector: [Float]) -> Data {
        var data = Data()
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        let utf8 = Array(key.utf8)
        append(UInt32(utf8.count))
        data.append(contentsOf: utf8)
        append(UInt32(vector.count))
        for value in vector { append(value.bitPattern) }
        return data
    }

    /// The first `count` rows of the file at `path` and their length in bytes; nil when it is
    /// missing or holds fewer whole rows.
    private static func readRows(_ path: String, count: Int) -> (keys: [String], values: [Float], length: Int)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        var offset = 0
        func number() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return Int(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
        }
        var keys: [String] = []
        var values: [Float] = []
        while keys.count < count {
            guard let keyLength = number(), offset + keyLength <= bytes.count else { return nil }
            keys.append(String(decoding: bytes[offset..<offset + keyLength], as: UTF8.self))
            offset += keyLength
            guard let dimensions = number(), offset + 4 * dimensions <= bytes.count else { return nil }
            for _ in 0..<dimensions { values.append(Float(bitPattern: UInt32(number()!))) }
        }
        return (keys, values, offset)
    }
}
