import Annotation
import Dataset
import Foundation
import PMCModel
import WebDataset

/// Writes the feature file of each shard the serialize stage fills, from the vectors computed
/// while its images were processed, so that annotation need not decode them again.
///
/// Vectors are held only for the shards still open (one per license group); a shard's file is
/// written when the stage moves on to the group's next shard, and the last ones at the end. A
/// shard this run continued from an earlier run's is left alone: the vectors of its first samples
/// are not here, and `annotate features` (which `build --annotate` runs next) computes its file.
final class ShardFeatureWriter {
    private let dataset: DatasetFolder
    private let extractor: String
    /// The shard each group's earlier run left open, by group.
    private let continued: [LicenseGroup: String]
    /// Each group's open shard and its vectors so far.
    private var open: [LicenseGroup: (shard: String, file: FeatureFile)] = [:]
    /// Shards whose feature files were written.
    private(set) var written = 0

    /// A writer of `extractor`'s files into `dataset`, for shards written from `checkpoint` on.
    init(dataset: DatasetFolder, extractor: String, checkpoint: SerializeCheckpoint) {
        self.dataset = dataset
        self.extractor = extractor
        var continued: [LicenseGroup: String] = [:]
        for (name, position) in checkpoint.writers where position.openSamples > 0 {
            if let group = LicenseGroup(rawValue: name) { continued[group] = ShardWriter.shardName(position.openNumber) }
        }
        self.continued = continued
    }

    /// Takes the vector of a sample written to `shard` (`GROUP/NNNNNN.tar`), in shard order.
    func add(_ vector: [Float], key: String, shard: String, group: LicenseGroup) throws {
        let name = String(shard.split(separator: "/").last ?? "")
        if let current = open[group], current.shard != name { try flush(group) }
        guard continued[group] != name else { return }
        let row = FeatureFile(matrix: FeatureMatrix(columns: vector.count, values: vector), keys: [key])
        if open[group] == nil { open[group] = (name, row) } else { open[group]?.file.append(row) }
    }

    /// Writes the files of the shards still open: for the end of the run.
    func finish() throws {
        for group in LicenseGroup.allCases { try flush(group) }
    }

    private func flush(_ group: LicenseGroup) throws {
        guard let (shard, file) = open.removeValue(forKey: group) else { return }
        try dataset.writeFeatures(extractor: extractor, group: group, shard: shard) { try file.write(to: $0) }
        written += 1
    }
}
