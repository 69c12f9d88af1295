import Catalog
import Foundation
import PMCModel
import WebDataset

/// Where a serialize run stood at its last commit: the options it ran under, the last article
/// committed, the next sample number and each license group's shard writer. Kept in the catalog
/// as JSON, in the same transaction as the samples it follows.
public struct SerializeCheckpoint: Sendable, Equatable, Codable {
    /// `SerializeOptions.fingerprint` of the run that wrote the shards.
    public var options: String
    /// The last article whose samples are committed; nil before the first.
    public var lastArticle: ArticleVersion?
    /// The sequence number the next sample gets.
    public var nextSequence: Int64
    /// The shard writer of each license group that has written anything.
    public var writers: [String: ShardWriterPosition]
    /// True once the shards were closed and the indexes and Parquet files written.
    public var finished: Bool
    /// True while shards rewritten with new annotations are committed but the Parquet tables not
    /// yet written again; absent otherwise (and in checkpoints from before it existed).
    public var tablesOutdated: Bool?

    /// A checkpoint before anything was written.
    public init(options: String) {
        self.options = options
        lastArticle = nil
        nextSequence = 0
        writers = [:]
        finished = false
    }

    /// The JSON kept in the catalog, without the shards' stamps: those are kept beside it (the
    /// same dataset has the same checkpoint, whenever its shards were written).
    public func encoded() throws -> String {
        var stripped = self
        for name in stripped.writers.keys { stripped.writers[name]?.stamps = nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(stripped), as: UTF8.self)
    }

    /// Every finished shard's stamp, by shard (`GROUP/NNNNNN.tar`).
    public var shardStamps: [String: ShardStamp] {
        var stamps: [String: ShardStamp] = [:]
        for (group, position) in writers {
            for (name, stamp) in position.stamps ?? [:] { stamps["\(group)/\(name)"] = stamp }
        }
        return stamps
    }

    /// The stamps of `stamps` that differ from those in `committed`, as the catalog keeps them.
    static func stampRows(_ stamps: [String: ShardStamp], since committed: [String: ShardStamp]) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var rows: [String: String] = [:]
        for (shard, stamp) in stamps where committed[shard] != stamp {
            rows[shard] = String(decoding: try encoder.encode(stamp), as: UTF8.self)
        }
        return rows
    }

    /// Reads the catalog's JSON back; nil when it cannot be read (then the run starts afresh).
    public static func decode(_ text: String) -> SerializeCheckpoint? {
        try? JSONDecoder().decode(SerializeCheckpoint.self, from: Data(text.utf8))
    }
}

extension Catalog {
    /// The checkpoint of the dataset this catalog serialized, with the stamps of the shards it
    /// counts as finished (the open one's only once the dataset was finished); nil when none was
    /// committed or it cannot be read (then the next serialize starts afresh).
    public func datasetCheckpoint() throws(CatalogError) -> SerializeCheckpoint? {
        guard var checkpoint = try serializeCheckpoint().flatMap(SerializeCheckpoint.decode) else { return nil }
        let decoder = JSONDecoder()
        for (shard, text) in try shardStamps() {
            guard let slash = shard.firstIndex(of: "/"), let stamp = try? decoder.decode(ShardStamp.self, from: Data(text.utf8)),
                  var position = checkpoint.writers[String(shard[..<slash])]
            else { continue }
            let name = String(shard[shard.index(after: slash)...])
            let isOpen = name == ShardWriter.shardName(position.openNumber)
            guard position.completed.contains(where: { $0.name == name }) || (isOpen && checkpoint.finished) else { continue }
            position.stamps = (position.stamps ?? [:]).merging([name: stamp]) { $1 }
            checkpoint.writers[String(shard[..<slash])] = position
        }
        return checkpoint
    }

    /// Keeps the stamps of `checkpoint` that differ from those of `previous` (shards found
    /// unchanged under a new time), leaving the checkpoint itself as it was.
    public func recordShardStamps(of checkpoint: SerializeCheckpoint, since previous: SerializeCheckpoint) throws {
        let rows = try SerializeCheckpoint.stampRows(checkpoint.shardStamps, since: previous.shardStamps)
        guard !rows.isEmpty else { return }
        try commitSerialization([], checkpoint: previous.encoded(), stamps: rows)
    }
}
