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

    /// Writes `candidate` into its group's shards, with its shard's name in its metadata, and
    /// returns the metadata as written.
    func write(_ candidate: SampleCandidate, encoder: JSONEncoder) throws -> Sample {
        let writer = try writer(for: candidate.licenseGroup)
        var sample = candidate.sample
        // The name's length is the same for every shard, so the guess does not change the size
        // that decides which shard the sample goes to.
        sample.shard = "\(candidate.licenseGroup.rawValue)/\(writer.currentShardName ?? ShardWriter.shardName(0))"
        var member = candidate.webDatasetSample(metadata: try encoder.encode(sample))
        let destination = "\(candidate.licenseGroup.rawValue)/\(writer.shardName(for: member))"
        if destination != sample.shard {
            sample.shard = destination
            member = candidate.webDatasetSample(metadata: try encoder.encode(sample))
        }
        try writer.write(member)
        return sample
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

    private func writer(for group: LicenseGroup) throws -> ShardWriter {
        if let writer = writers[group] { return writer }
        let writer = try ShardWriter(directory: layout.shards(group), options: options)
        writers[group] = writer
        return writer
    }
}
