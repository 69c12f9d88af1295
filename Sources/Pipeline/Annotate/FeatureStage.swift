import Annotation
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
/// N parts of a Slurm array run side by side on one dataset.
public struct FeatureStage: Sendable {
    /// The dataset's folder (`build --out`).
    public var dataset: URL
    /// Computes the vectors.
    public var computer: FeatureComputer
    /// Which of the dataset's shards this run covers.
    public var part: ShardSpec
    /// Where undecodable images are logged.
    public var logger: Logger

    /// A stage over the shards of `part` of the dataset at `dataset`.
    public init(dataset: URL, extractor: any FeatureExtractor, jobs: Int, part: ShardSpec = .all, logger: Logger) {
        self.dataset = dataset
        self.computer = FeatureComputer(extractor: extractor, jobs: jobs)
        self.part = part
        self.logger = logger
    }

    /// The folder holding the feature files of the stage's extractor.
    public var folder: URL { DatasetLayout(root: dataset).features(extractor: computer.extractor.name) }

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

    /// Computes what is missing; `progress` is told the images done after each shard.
    public func run(progress: @Sendable (Int) -> Void = { _ in }) async throws -> Summary {
        var summary = Summary()
        let layout = DatasetLayout(root: dataset)
        for (place, group) in LicenseGroup.allCases.enumerated() {
            let shards = layout.shards(group)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: shards.path)) ?? []).filter { $0.hasSuffix(".tar") }.sorted()
            let mine = names.enumerated().filter { index, name in
                ((ShardWriter.shardNumber(of: name) ?? index) + place) % part.count == part.index
            }.map(\.element)
            guard !mine.isEmpty else { continue }
            let output = folder.appendingPathComponent(group.rawValue)
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for name in mine {
                let samples = try ShardReader.readAll(url: shards.appendingPathComponent(name))
                let target = output.appendingPathComponent(name.replacingOccurrences(of: ".tar", with: ".npy")).path
                if let keys = FeatureFile.readKeys(of: target), keys == samples.map(\.key), FileManager.default.fileExists(atPath: target) {
                    summary.reusedShards += 1
                    summary.images += keys.count
                } else {
                    let file = await features(of: samples, shard: "\(group.rawValue)/\(name)", failed: &summary.failed)
                    try file.write(to: target)
                    summary.computedShards += 1
                    summary.images += file.keys.count
                }
                progress(summary.images + summary.failed)
            }
        }
        return summary
    }

    /// The shard's vectors; a sample without a decodable image is logged and left out.
    private func features(of samples: [WebDatasetSample], shard: String, failed: inout Int) async -> FeatureFile {
        let images = samples.map { sample in
            (key: sample.key, bytes: sample.image.map { [UInt8]($0) } ?? [])
        }
        let computed = await computer.featureFile(of: images)
        for failure in computed.failures {
            logger.warning("\(shard): \(failure.key): no features: \(failure.error)")
        }
        failed += computed.failures.count
        return computed.file
    }
}
