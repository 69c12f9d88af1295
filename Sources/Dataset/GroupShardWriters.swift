import Foundation
import PMCModel
import WebDataset

/// One shard writer per license group, each opened when its group gets its first sample, so a
/// dataset has a shard folder only for the groups it holds.
final class GroupShardWriters {
    private let layout: DatasetLayout
    private let options: ShardWriterOptions
    private var writers: [LicenseGroup: ShardWriter] = [:]

    /// Opens the writers a checkpoint names where they stood, cutting back anything written after it.
    init(layout: DatasetLayout, options: ShardWriterOptions, resumingFrom positions: [String: ShardWriterPosition]) throws {
        self.layout = layout
        self.options = options
        for (name, position) in positions {
            guard let group = LicenseGroup(rawValue: name) else { continue }
            writers[group] = try ShardWriter(directory: layout.shards(group), options: options, resumingFrom: position)
        }
    }

    /// Writes a sample into its group's shards, with its shard's name in its metadata, and returns
    /// the metadata as written, with its JSON.
    func write(_ sample: Sample, image: Data, group: LicenseGroup, encoder: JSONEncoder) throws -> (sample: Sample, json: Data) {
        let writer = try writer(for: group)
        var sample = sample
        // The name's length is the same for every shard, so the guess does not change the size
        // that decides which shard the sample goes to.
        sample.shard = "\(group.rawValue)/\(writer.currentShardName ?? ShardWriter.shardName(0))"
        var json = try encoder.encode(sample)
        var member = Self.member(sample, image: image, json: json)
        let destination = "\(group.rawValue)/\(writer.shardName(for: member))"
        if destination != sample.shard {
            sample.shard = destination
            json = try encoder.encode(sample)
            member = Self.member(sample, image: image, json: json)
        }
        try writer.write(member)
        return (sample, json)
    }

    /// The shard members of a sample: image, caption, JSON, in that order.
    private static func member(_ sample: Sample, image: Data, json: Data) -> WebDatasetSample {
        WebDatasetSample(key: sample.imageID, members: [
            .init(sample.imageFormat, image),
            .init("txt", Data(sample.caption.utf8)),
            .init("json", json),
        ])
    }

    /// Syncs every open shard and returns where each writer stands.
    func checkpoint() throws -> [String: ShardWriterPosition] {
        var positions: [String: ShardWriterPosition] = [:]
        for (group, writer) in writers {
            positions[group.rawValue] = try writer.checkpoint()
        }
        return positions
    }

    /// Finishes every group's last shard and writes its `sizes.json` and `index.json`.
    func close() throws -> [LicenseGroup: [ShardResult]] {
        var results: [LicenseGroup: [ShardResult]] = [:]
        for (group, writer) in writers {
            let shards = try writer.close()
            try ShardIndex.write(shards, to: layout.shards(group))
            results[group] = shards
        }
        return results
    }

    /// The stamp of every finished shard file, by group.
    func stamps() -> [LicenseGroup: [String: ShardStamp]] {
        writers.mapValues(\.stamps)
    }

    private func writer(for group: LicenseGroup) throws -> ShardWriter {
        if let writer = writers[group] { return writer }
        let writer = try ShardWriter(directory: layout.shards(group), options: options)
        writers[group] = writer
        return writer
    }
}
