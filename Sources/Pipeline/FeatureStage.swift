import Annotation
import Foundation
import Imaging
import Logging
import PMCModel
import WebDataset

/// The features step of annotation: reads every image of a built dataset's shards (license group
/// by group, shard by shard, in order), computes `extractor`'s vector from a thumbnail, and writes
/// one float32 matrix for the dataset, `features/NAME.npy`, with the sample keys in row order in
/// `features/NAME.keys`, so that fitting and assigning never decode an image again.
public struct FeatureStage: Sendable {
    /// The dataset's folder (`build --out`).
    public var dataset: URL
    /// The extractor.
    public var extractor: any FeatureExtractor
    /// Images decoded at the same time.
    public var jobs: Int
    /// Where undecodable images are logged.
    public var logger: Logger

    /// A stage over the dataset at `dataset`.
    public init(dataset: URL, extractor: any FeatureExtractor, jobs: Int, logger: Logger) {
        self.dataset = dataset
        self.extractor = extractor
        self.jobs = max(1, jobs)
        self.logger = logger
    }

    /// The matrix file and the keys file it writes.
    public var outputs: (matrix: URL, keys: URL) {
        let folder = dataset.appendingPathComponent("features")
        return (folder.appendingPathComponent("\(extractor.name).npy"), folder.appendingPathComponent("\(extractor.name).keys"))
    }

    /// Computes and writes the features; returns how many images, and how many could not be decoded.
    public func run(progress: @Sendable (Int) -> Void = { _ in }) async throws -> (images: Int, failed: Int) {
        var matrix = FeatureMatrix(columns: extractor.dimensions, values: [])
        var keys: [String] = []
        var failed = 0
        let layout = DatasetLayout(root: dataset)
        for group in LicenseGroup.allCases {
            let folder = layout.shards(group)
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tar") }.sorted()
            for name in names {
                let samples = try ShardReader.readAll(url: folder.appendingPathComponent(name))
                let vectors = await vectors(of: samples, shard: "\(group.rawValue)/\(name)")
                for (sample, vector) in zip(samples, vectors) {
                    guard let vector else {
                        failed += 1
                        continue
                    }
                    matrix.append(FeatureMatrix(columns: extractor.dimensions, values: vector))
                    keys.append(sample.key)
                }
                progress(keys.count)
            }
        }
        try FileManager.default.createDirectory(at: outputs.matrix.deletingLastPathComponent(), withIntermediateDirectories: true)
        try NPYFile.write(matrix, to: outputs.matrix.path)
        try Data((keys.joined(separator: "\n") + (keys.isEmpty ? "" : "\n")).utf8).write(to: outputs.keys, options: .atomic)
        return (keys.count, failed)
    }

    /// Each sample's vector in order, nil where its image cannot be decoded (logged).
    private func vectors(of samples: [WebDatasetSample], shard: String) async -> [[Float]?] {
        await withTaskGroup(of: (Int, [Float]?).self) { group in
            var results = [[Float]?](repeating: nil, count: samples.count)
            var next = 0
            func add() {
                let index = next
                let sample = samples[index]
                group.addTask { [extractor, logger] in
                    guard let image = ["jpg", "png", "webp"].lazy.compactMap({ sample.member($0) }).first else {
                        logger.warning("\(shard): \(sample.key) has no image member")
                        return (index, nil)
                    }
                    do {
                        let thumbnail = try RGBThumbnail(decoding: Array(image), size: extractor.thumbnailSize)
                        return (index, extractor.features(of: thumbnail))
                    } catch {
                        logger.warning("\(shard): \(sample.key): \(error)")
                        return (index, nil)
                    }
                }
                next += 1
            }
            while next < min(jobs, samples.count) { add() }
            while let (index, vector) = await group.next() {
                results[index] = vector
                if next < samples.count { add() }
            }
            return results
        }
    }
}
