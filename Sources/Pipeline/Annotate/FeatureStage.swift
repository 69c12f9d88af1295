import Annotation
import Dataset
import Foundation
import Imaging
import Logging
import PMCModel
import WebDataset

/// The features step of annotation: computes `extractor`'s vector of every image in a built
/// dataset's shards from a thumbnail, and writes one feature file per shard,
/// `features/EXTRACTOR/GROUP/NNNNNN.npy` with its `.keys` (see `FeatureFile`).
///
/// A shard whose feature file already lists exactly the shard's keys is not decoded again, so a
/// run that was stopped, or that follows new articles, computes only what is missing. Memory holds
/// one shard at a time.
///
/// The work splits into parts by shard file: part I of N takes the shards whose number plus their
/// license group's place (0, 1, 2) is I modulo N. A shard's part depends on its name alone, not on
/// which other shards a task saw, and each part writes only its own shards' feature files, so the
/// N parts of a Slurm array run side by side on one dataset (each holding the dataset's lock as a
/// reader: they only add their own files, beside one another, never beside a writing run).
public struct FeatureStage: Sendable {
    /// The dataset.
    public var dataset: DatasetFolder
    /// Computes the vectors.
    public var extractor: any FeatureExtractor
    /// Which of the dataset's shards this run covers.
    public var part: ShardSpec

    /// A stage over the shards of `part` of `dataset`.
    public init(dataset: DatasetFolder, extractor: any FeatureExtractor, part: ShardSpec = .all) {
        self.dataset = dataset
        self.extractor = extractor
        self.part = part
    }

    /// The folder holding the feature files of the stage's extractor.
    public var folder: URL { dataset.layout.features(extractor: extractor.name) }

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        /// Images with a vector, in every shard of the part.
        public var images = 0
        /// Images that could not be decoded, left out.
        public var failed = 0
        /// Shards whose features were computed in this run.
        public var computedShards = 0
        /// Shards whose features were already there.
        public var reusedShards = 0
    }

    /// Computes what is missing, `context.jobs` images at a time (default: the cores), reporting
    /// the images done after each shard; undecodable images are logged.
    public func run(in context: RunContext) async throws -> Summary {
        let computer = FeatureComputer(extractor: extractor, jobs: context.jobsForCores)
        var summary = Summary()
        let layout = dataset.layout
        for (place, group) in LicenseGroup.allCases.enumerated() {
            let shards = layout.shards(group)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: shards.path)) ?? []).filter { $0.hasSuffix(".tar") }.sorted()
            let mine = names.enumerated().filter { index, name in
                ((ShardWriter.shardNumber(of: name) ?? index) + place) % part.count == part.index
            }.map(\.element)
            for name in mine {
                let samples = try ShardReader.readAll(url: shards.appendingPathComponent(name))
                let target = layout.featureFile(extractor: extractor.name, group: group, shard: name).path
                if let keys = FeatureFile.readKeys(of: target), keys == samples.map(\.key), FileManager.default.fileExists(atPath: target) {
                    summary.reusedShards += 1
                    summary.images += keys.count
                } else {
                    let file = await features(of: samples, shard: "\(group.rawValue)/\(name)", computer: computer, logger: context.logger)
                    summary.failed += samples.count - file.keys.count
                    try dataset.writeFeatures(extractor: extractor.name, group: group, shard: name) { try file.write(to: $0) }
                    summary.computedShards += 1
                    summary.images += file.keys.count
                }
                context.progress(summary.progressEvent)
                try Task.checkCancellation()
            }
        }
        return summary
    }

    /// The shard's vectors; a sample without a decodable image is logged and left out.
    private func features(of samples: [WebDatasetSample], shard: String, computer: FeatureComputer, logger: Logger) async -> FeatureFile {
        let images = samples.map { sample in
            (key: sample.key, bytes: sample.image.map { [UInt8]($0) } ?? [])
        }
        let computed = await computer.featureFile(of: images)
        for failure in computed.failures {
            logger.warning("\(shard): \(failure.key): no features: \(failure.error)")
        }
        return computed.file
    }
}

extension FeatureStage.Summary {
    /// The progress this summary shows.
    var progressEvent: ProgressEvent {
        ProgressEvent(stage: "features", done: images + failed, total: nil, unit: "images", counts: [
            .init("could not be decoded", failed), .init("shards computed", computedShards), .init("already done", reusedShards),
        ])
    }
}
