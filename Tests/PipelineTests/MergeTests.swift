import Catalog
import Foundation
import Imaging
import GRDB
import PMCModel
import PMCSource
import Dataset
@testable import Pipeline
import TestSupport
import Testing

@Suite("Merging the parts of a sharded build")
struct MergeTests {
    let sampleCorpus = SharedCorpus.repositoryRoot.appendingPathComponent("Examples/sample-corpus")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merge-\(UUID().uuidString)")
    let options = SerializeOptions(shardSamples: 3)

    /// Extracts and serializes `shard` of `corpus` into `out`: `biomedica build`, run in this process.
    func build(_ out: URL, corpus: URL? = nil, shard: ShardSpec = .all, options: SerializeOptions? = nil) async throws {
        var plan = BuildPlan(
            source: SourceSpec(location: (corpus ?? sampleCorpus).path), selection: ArticleSelection(shard: shard), dataset: out,
            options: options ?? self.options)
        (plan.extract, plan.serialize) = (true, true)
        _ = try await plan.run(in: .test())
    }

    func parts(_ count: Int, corpus: URL? = nil) async throws -> [URL] {
        var parts: [URL] = []
        for index in 0..<count {
            let part = folder.appendingPathComponent("part\(index)")
            try await build(part, corpus: corpus, shard: try ShardSpec(index: index, count: count))
            parts.append(part)
        }
        return parts
    }

    func merge(_ parts: [URL], into name: String = "merged") async throws -> MergeStage.Summary {
        try await MergeStage(parts: parts, output: folder.appendingPathComponent(name)).run(in: .test())
    }

    /// The bytes of every shard, index and table under `root`, by relative path.
    func datasetFiles(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for top in ["shards", "parquet"] {
            let base = root.appendingPathComponent(top)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where !url.hasDirectoryPath {
                files[top + "/" + url.path.dropFirst(base.path.count + 1)] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func mergedPartsAreTheUnshardedBuild() async throws {
        let whole = folder.appendingPathComponent("whole")
        try await build(whole)
        let summary = try await merge(try await parts(2))
        let expected = try datasetFiles(whole)
        #expect(expected.keys.contains("shards/commercial/000001.tar"), "more than one shard to renumber")
        #expect(try datasetFiles(folder.appendingPathComponent("merged")) == expected)
        #expect(summary.parts == 2 && summary.articles == 5 && summary.crossPartDuplicates == 0)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func aSampleKeptInItsPartCanBeADuplicateOfAnEarlierPart() async throws {
        // PMC9000114 and PMC9000115 share their first image and fall in different parts of 3.
        let corpus = try SharedCorpus.url("bad/pmc-cloud")
        let whole = folder.appendingPathComponent("whole")
        try await build(whole, corpus: corpus)
        let summary = try await merge(try await parts(3, corpus: corpus))
        #expect(summary.crossPartDuplicates == 1)
        #expect(try datasetFiles(folder.appendingPathComponent("merged")) == datasetFiles(whole))
    }

    @Test func theMergedFolderIsAFinishedBuild() async throws {
        let parts = try await parts(2)
        _ = try await merge(parts)
        let merged = folder.appendingPathComponent("merged")
        let before = try datasetFiles(merged)
        var plan = BuildPlan(source: SourceSpec(location: sampleCorpus.path), dataset: merged, options: options)
        plan.serialize = true
        let again = try #require(try await plan.run(in: .test()).serialize)
        #expect(again.articles == 0 && !again.rebuilt)
        #expect(try datasetFiles(merged) == before)
        await #expect(throws: MergeError.overlap(pmcid: "PMC99000001", part: merged.path, other: parts[0].path)) {
            try await merge([parts[0], merged], into: "again")
        }
        // A second merge into the finished one is refused, and leaves it whole.
        await #expect(throws: MergeError.outputNotEmpty(merged.path)) { try await merge(parts) }
        #expect(try datasetFiles(merged) == before)
    }

    @Test func unfinishedOrDifferentPartsAreRefused() async throws {
        let parts = try await parts(2)
        let extractedOnly = folder.appendingPathComponent("extracted")
        var plan = BuildPlan(source: SourceSpec(location: sampleCorpus.path), catalog: DatasetLayout(root: extractedOnly).defaultCatalog)
        plan.extract = true
        _ = try await plan.run(in: .test())
        await #expect(throws: MergeError.unfinished(extractedOnly.path)) { try await merge([parts[0], extractedOnly]) }

        let other = folder.appendingPathComponent("other")
        try await build(other, shard: try ShardSpec(index: 1, count: 2), options: SerializeOptions(shardSamples: 4))
        await #expect(throws: MergeError.differentOptions(part: other.path, options: "shard-samples=4",
                                                    first: parts[0].path, firstOptions: "shard-samples=3")) {
            try await merge([parts[0], other])
        }
        // A part from the version before thumbnails were area means: its fingerprint has no `thumbnails=`.
        let older = folder.appendingPathComponent("older")
        try await build(older, shard: try ShardSpec(index: 1, count: 2), options: SerializeOptions(shardSamples: 3))
        let queue = try DatabaseQueue(path: DatasetLayout(root: older).defaultCatalog.path)
        try await queue.write { db in
            let text = try #require(try String.fetchOne(db, sql: "SELECT checkpoint FROM serialize_state WHERE id = 1"))
            let rewritten = text.replacingOccurrences(of: " thumbnails=\(ImageProcessor.thumbnailVersion)", with: "")
            #expect(rewritten != text)
            try db.execute(sql: "UPDATE serialize_state SET checkpoint = ? WHERE id = 1", arguments: [rewritten])
        }
        await #expect(throws: MergeError.otherVersion(older.path)) { try await merge([parts[0], older]) }
        await #expect(throws: MergeError.missingPart(folder.appendingPathComponent("nowhere").path)) {
            try await merge([parts[0], folder.appendingPathComponent("nowhere")])
        }
        let merged = folder.appendingPathComponent("merged")
        #expect(!FileManager.default.fileExists(atPath: merged.path), "nothing is written before the parts are checked")
    }

    @Test("near duplicates left out by their parts are left out of the merge, which is the unsharded build",
          .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func nearDuplicatesAcrossParts() async throws {
        let corpus = try SharedCorpus.url("pmc-cloud")
        let options = SerializeOptions(dropNearDuplicates: true, shardSamples: 4)
        let whole = folder.appendingPathComponent("whole")
        try await build(whole, corpus: corpus, options: options)
        var parts: [URL] = []
        for index in 0..<3 {
            parts.append(folder.appendingPathComponent("part\(index)"))
            try await build(parts[index], corpus: corpus, shard: try ShardSpec(index: index, count: 3), options: options)
        }
        _ = try await merge(parts)
        let expected = try datasetFiles(whole)
        #expect(try datasetFiles(folder.appendingPathComponent("merged")) == expected)
        let samples = try Catalog(readingAt: whole.appendingPathComponent("catalog.sqlite").path).writtenSampleCounts().values.reduce(0, +)
        #expect(samples < 97, "the corpus's crops of one photograph are near duplicates, left out: \(samples) samples of 97 kept")
    }

    @Test func optionsComeBackFromTheirFingerprint() {
        var changed = SerializeOptions(
            filter: SampleFilter(minSide: 5, maxAspect: 2.5), keepDuplicates: true, nearDuplicateDistance: -1, dropNearDuplicates: true,
            shardSamples: 7, shardBytes: 12345,
            biomedicaCompat: true)
        changed.image.maxPixels = 1000
        changed.image.keepOriginalJPEG = false
        changed.image.format = .webp
        changed.image.quality = 80
        changed.image.resize = .centerCrop
        changed.image.size = 224
        let examples = [SerializeOptions(), changed]
        for options in examples {
            #expect(SerializeOptions(fingerprint: options.fingerprint) == options)
        }
        #expect(SerializeOptions(fingerprint: "shard-samples=3") == nil)
    }
}
