import Catalog
import Crypto
import Dataset
import Foundation
import Imaging
import PMCModel
import PMCSource
import Pipeline
import TestSupport
import Testing
import WebDataset

@Suite("The serialize stage over the shared corpus", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct SerializeStageTests {
    /// Samples per license group in the good corpus.
    static let samplesByGroup = ["commercial": 52, "noncommercial": 18, "other": 27]

    /// The dataset an uninterrupted build of the good corpus writes with `small` (64 articles a
    /// commit, 2 jobs), made once for the tests that compare with it.
    static let reference = Task {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        try await fixture.serialize(options: SerializeOptions(shardSamples: 5))
        return try fixture.dataset()
    }

    /// Small batches and shards, so that commits and checkpoints fall in the middle of shards.
    let small = SerializeOptions(shardSamples: 5)

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The kind of each corpus figure (`plot:bar`, `picture:cell`, ...) by sample key, from `articles.json`.
    static func corpusKinds() throws -> [String: String] {
        let articles = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedCorpus.url("articles.json"))) as? [[String: Any]] ?? []
        var kinds: [String: String] = [:]
        for article in articles {
            guard let pmcid = article["pmcid"] as? String, let media = article["media_category"] as? [String: String] else { continue }
            for (file, kind) in media {
                let stem = file.split(separator: ".").dropLast().joined(separator: ".")
                for position in 0..<40 { kinds["\(pmcid)_\(String(format: "%04d", position))_\(stem)"] = kind }
            }
        }
        return kinds
    }

    static func pmcNumber(_ key: String) -> Int {
        Int(key.dropFirst(3).prefix { $0.isNumber }) ?? -1
    }

    // MARK: - The good corpus

    @Test func samplesPerLicenseGroup() async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        let summary = try await fixture.serialize(options: small, jobs: 4, batchSize: 3)
        #expect(try fixture.dataset() == (try await Self.reference.value), "batch size and jobs change no byte")

        // articles.json: commercial 52 graphics, noncommercial 19, other 27, all with media; one
        // noncommercial figure (PMC6358589's graphical abstract, fx1) has no caption.
        #expect(summary.articles == 24 && summary.pending == 24 && summary.resumed == 0 && !summary.rebuilt)
        #expect(summary.samplesByGroup == Self.samplesByGroup)
        #expect(summary.droppedByReason == ["empty-caption": 1])
        #expect(summary.failedByReason.isEmpty && summary.duplicates == 0)
        #expect(try fixture.serializeProblems().map { "\($0.pmcid) \($0.severity) \($0.kind) \($0.file ?? "-")" }
                == ["PMC6358589 warning empty-caption fx1.jpg"])
        #expect(summary.totalSamplesByGroup == summary.samplesByGroup)
        #expect(summary.totalShards == 11 + 4 + 6, "5 samples a shard")

        var seenKeys = Set<String>()
        var nearDuplicates: [String: String] = [:]
        for group in LicenseGroup.allCases {
            let folder = fixture.output("out").appendingPathComponent("shards/\(group.rawValue)")
            let index = try ShardIndex.read(from: folder)
            let samples = try fixture.shardSamples(group: group)
            #expect(index.reduce(0) { $0 + $1.samples } == summary.samplesByGroup[group.rawValue])
            #expect(samples.count == summary.samplesByGroup[group.rawValue])
            #expect(index.dropLast().allSatisfy { $0.samples == 5 })
            let sizes = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("sizes.json"))) as? [String: Int]
            #expect(sizes == Dictionary(uniqueKeysWithValues: index.map { ($0.name, $0.samples) }))
            for shard in index {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(shard.name))
                #expect(bytes.count == shard.bytes)
                #expect(Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined() == shard.md5)
            }

            var previous: (Int, String) = (0, "")
            for (shard, sample) in samples {
                let json = try sampleJSON(sample)
                #expect(sample.members.map(\.ext) == ["jpg", "txt", "json"], "image, caption, metadata")
                #expect(json["image_id"] as? String == sample.key)
                #expect(json["shard"] as? String == shard, "the sample names the shard it is in")
                #expect(json["article_license_group"] as? String == group.rawValue)
                #expect(json["caption"] as? String == String(decoding: try #require(sample.member("txt")), as: UTF8.self))
                let image = try #require(sample.member("jpg"))
                #expect(json["image_hash"] as? String == Self.sha256(image))
                let header = try ImageProcessor().header(of: [UInt8](image))
                #expect(json["image_size"] as? [Int] == [header.width, header.height])
                #expect(json["image_width"] as? Int == header.width && json["image_height"] as? Int == header.height)
                #expect(json["image_duplicate_of"] is NSNull)
                if let near = json["image_near_duplicate_of"] as? String { nearDuplicates[sample.key] = near }
                #expect((json["image_phash"] as? String)?.count == 16)
                #expect(!seenKeys.contains(sample.key))
                seenKeys.insert(sample.key)
                // PMCID order (by number), then figure position.
                let order = (Self.pmcNumber(sample.key), sample.key)
                #expect(order.0 > previous.0 || (order.0 == previous.0 && order.1 > previous.1), "\(sample.key) after \(previous.1)")
                previous = order
            }
        }
        #expect(seenKeys.count == 97)
        // The corpus cuts several figures from one sample photograph: those are near duplicates of
        // the first, by PMCID; its plots, and pictures of other kinds, are not.
        #expect(nearDuplicates.count == summary.nearDuplicates && summary.nearDuplicates > 0)
        let kinds = try Self.corpusKinds()
        for (key, original) in nearDuplicates {
            #expect(seenKeys.contains(original) && (Self.pmcNumber(original), original) < (Self.pmcNumber(key), key), "\(key) near \(original)")
            #expect(kinds[key]?.hasPrefix("plot:") != true, "\(key), a plot, near \(original)")
            if let kind = kinds[key], let other = kinds[original] { #expect(kind == other, "\(key) (\(kind)) near \(original) (\(other))") }
        }

        // One sample in full, against the corpus: PMC3166277 (CC BY), its third figure.
        let samples = try fixture.shardSamples(group: .commercial)
        let third = try #require(samples.first { $0.sample.key.hasPrefix("PMC3166277_") && $0.sample.key.hasSuffix("_1471-2180-11-174-3") })
        let json = try sampleJSON(third.sample)
        #expect(json["image_file_name"] as? String == "1471-2180-11-174-3.jpg")
        #expect(json["image_cluster_id"] as? String == "1471-2180-11-174-3")
        #expect(json["article_accession_id"] as? String == "PMC3166277")
        #expect(json["article_license"] as? String == "CC BY")
        #expect(json["article_version"] as? Int == 1)
        #expect(json["image_kind"] as? String == "fig")
        #expect(json["image_format"] as? String == "jpg" && json["image_source_format"] as? String == "jpeg")
        let original = try Data(contentsOf: fixture.corpus.appendingPathComponent("PMC3166277.1/1471-2180-11-174-3.jpg"))
        #expect(third.sample.member("jpg") == original, "an RGB JPEG is stored as it is")

        // The catalog and the Parquet tables agree with the shards.
        let counts = try fixture.catalog.writtenSampleCounts()
        #expect(counts.values.reduce(0, +) == 97)
        #expect(counts[try #require(ArticleVersion("PMC5828200.1"))] == 11)
        for table in ["parquet/samples.parquet", "parquet/articles.parquet"] {
            let data = try Data(contentsOf: fixture.output("out").appendingPathComponent(table))
            #expect(data.prefix(4) == Data("PAR1".utf8) && data.suffix(4) == Data("PAR1".utf8))
        }
    }

    @Test func aSecondRunChangesNothing() async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        let first = try await fixture.serialize(options: small, batchSize: 4)
        let written = try fixture.dataset()
        let second = try await fixture.serialize(options: small, batchSize: 4)
        #expect(second.articles == 0 && second.pending == 0)
        #expect(second.resumed == 24)
        #expect(second.samples == 0 && !second.rebuilt)
        #expect(second.totalSamplesByGroup == first.totalSamplesByGroup && second.totalShards == first.totalShards)
        #expect(try fixture.dataset() == written, "same files, same bytes")
        #expect(try fixture.sampleRows().count == 97)
    }

    @Test func changedOptionsRewriteTheDataset() async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        try await fixture.serialize(options: small)
        let written = try fixture.dataset()

        // Nothing passes a 5000 px minimum: every shard folder goes.
        var strict = small
        strict.filter.minSide = 5000
        let rebuilt = try await fixture.serialize(options: strict)
        #expect(rebuilt.rebuilt && rebuilt.articles == 24 && rebuilt.resumed == 0)
        #expect(rebuilt.samples == 0 && rebuilt.droppedByReason == ["too-small": 97, "empty-caption": 1])
        #expect(rebuilt.totalShards == 0)
        #expect(try fixture.dataset().keys.sorted() == ["parquet/articles.parquet", "parquet/samples.parquet"])
        let problems = try fixture.serializeProblems()
        #expect(problems.count == 98 && problems.allSatisfy { $0.severity == "warning" })
        #expect(problems.filter { $0.kind == "too-small" }.count == 97)

        // Back to the first options: the first run's bytes again, and its problems gone.
        let back = try await fixture.serialize(options: small)
        #expect(back.rebuilt && back.samples == 97)
        #expect(try fixture.dataset() == written)
        #expect(try fixture.serializeProblems().map(\.kind) == ["empty-caption"])
    }

    /// Where each license group's writer stood at the catalog's last commit.
    func checkpointedWriters(_ fixture: SerializeFixture) throws -> [String: (openNumber: Int, openBytes: Int)] {
        let checkpoint = try #require(try fixture.catalog.serializeCheckpoint())
        let state = try #require(try JSONSerialization.jsonObject(with: Data(checkpoint.utf8)) as? [String: Any])
        let writers = try #require(state["writers"] as? [String: [String: Any]])
        return try writers.mapValues { (try #require($0["openNumber"] as? Int), try #require($0["openBytes"] as? Int)) }
    }

    /// Runs the stage over `fixture` with `source` until it throws, and returns the error.
    func interruptedRun(_ fixture: SerializeFixture, source: any ArticleSource, batchSize: Int = 2) async -> (any Error)? {
        do {
            try await fixture.serialize(options: small, jobs: 1, batchSize: batchSize, source: source)
            return nil
        } catch {
            return error
        }
    }

    /// The resumed run's dataset is the uninterrupted build's, file by file.
    func expectSameDataset(_ fixture: SerializeFixture, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let expected = try await Self.reference.value
        let got = try fixture.dataset()
        #expect(got.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[path] == data, "\(path) differs from the uninterrupted build's", sourceLocation: sourceLocation)
        }
    }

    /// A build killed mid-run and run again ends with the bytes of an uninterrupted build. The kill
    /// comes at the worst moment: the shards synced with a batch the catalog never committed, so
    /// they hold bytes past the checkpoint (in its open shard, in shards finished since, in later
    /// shards) that the resumed run must cut back.
    @Test(arguments: [3, 17])
    func resumingAfterAKillGivesTheSameBytes(killedAt loads: Int) async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        let shards = fixture.output("out").appendingPathComponent("shards")
        let lock = try CatalogWriteLock(path: fixture.catalog.path)
        // From the kill on, the catalog takes no commit.
        let killing = FaultySource(fixture.source, after: loads) { request in
            if request == loads + 1 { try? lock.take() }
            return nil
        }
        let error = await interruptedRun(fixture, source: killing)
        #expect(error is CatalogError)
        try lock.release()

        var beyond: [String] = []
        for (group, position) in try checkpointedWriters(fixture) {
            let folder = shards.appendingPathComponent(group)
            let open = folder.appendingPathComponent(ShardWriter.shardName(position.openNumber) + ".partial")
            #expect(FileManager.default.fileExists(atPath: open.path) || FileManager.default.fileExists(atPath: open.deletingPathExtension().path),
                    "the shard the checkpoint has open is still on disk")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                guard let shard = Int(name.prefix(6)), shard >= position.openNumber else { continue }
                let size = try #require(try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int)
                if shard > position.openNumber || size > position.openBytes { beyond.append("\(group)/\(name)") }
            }
        }
        #expect(!beyond.isEmpty, "the kill came after samples were written past the last commit")

        let resumed = try await fixture.serialize(options: small, batchSize: 2)
        #expect(resumed.resumed > 0 && resumed.articles > 0 && resumed.resumed + resumed.articles == 24 && !resumed.rebuilt)
        #expect(resumed.totalSamplesByGroup == Self.samplesByGroup)
        try await expectSameDataset(fixture)
    }

    /// A source that goes away stops the run; what was done is kept, the images it could not
    /// read are not recorded as lost, and the next run goes on to the same bytes.
    @Test func aFailingSourceStopsTheRunAndTheNextGoesOn() async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        let failing = FaultySource(fixture.source, after: 7) { _ in .transfer(file: "media", reason: "connection reset") }
        let error = await interruptedRun(fixture, source: failing, batchSize: 4)
        #expect(error as? SourceError == .transfer(file: "media", reason: "connection reset"))
        #expect(try checkpointedWriters(fixture).isEmpty == false, "the articles done before the failure are committed")
        #expect(try fixture.serializeProblems().allSatisfy { $0.kind == "empty-caption" }, "no image recorded as failed")

        let resumed = try await fixture.serialize(options: small, batchSize: 4)
        #expect(resumed.resumed >= 7 && resumed.resumed + resumed.articles == 24 && !resumed.rebuilt)
        #expect(resumed.failedByReason.isEmpty)
        try await expectSameDataset(fixture)
    }

    /// Shards changed by hand since the checkpoint cannot be continued: the next run writes
    /// everything again, to the same bytes.
    @Test func shardsChangedSinceTheCheckpointAreWrittenAgain() async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        let lock = try CatalogWriteLock(path: fixture.catalog.path)
        let killing = FaultySource(fixture.source, after: 17) { request in
            if request == 18 { try? lock.take() }
            return nil
        }
        #expect(await interruptedRun(fixture, source: killing) is CatalogError)
        try lock.release()
        let first = fixture.output("out").appendingPathComponent("shards/commercial/000000.tar")
        #expect(FileManager.default.fileExists(atPath: first.path))
        try FileManager.default.removeItem(at: first)

        let rerun = try await fixture.serialize(options: small, batchSize: 2)
        #expect(rerun.rebuilt && rerun.resumed == 0 && rerun.articles == 24)
        try await expectSameDataset(fixture)
    }

    /// A finished dataset whose shard was deleted by hand is not up to date.
    @Test func aDeletedShardOfAFinishedDatasetIsNoticed() async throws {
        let fixture = try await SerializeFixture.extracted("bad/pmc-cloud")
        defer { fixture.remove() }
        let options = SerializeOptions(shardSamples: 5)
        try await fixture.serialize(options: options)
        let written = try fixture.dataset()
        let second = fixture.output("out").appendingPathComponent("shards/commercial/000001.tar")
        try FileManager.default.removeItem(at: second)
        let rerun = try await fixture.serialize(options: options)
        #expect(FileManager.default.fileExists(atPath: second.path))
        #expect(rerun.rebuilt)
        #expect(try fixture.dataset() == written)
    }

    /// Articles extracted after a finished build continue its last shards as one build would.
    @Test func newArticlesContinueTheLastShards() async throws {
        let expected = try await Self.reference.value

        let fixture = try await SerializeFixture.extracted("pmc-cloud", selection: ArticleSelection(limit: 10))
        defer { fixture.remove() }
        let first = try await fixture.serialize(options: small)
        #expect(first.articles == 10)
        try await fixture.extract()
        let second = try await fixture.serialize(options: small)
        #expect(second.articles == 14 && second.resumed == 10 && !second.rebuilt)
        #expect(try fixture.dataset() == expected)
    }

    @Test("feature files written while serializing are those annotate features computes, and a continued shard's is left to it")
    func featuresWhileSerializing() async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud", selection: ArticleSelection(limit: 10))
        defer { fixture.remove() }
        let first = try await fixture.serialize(options: small, features: FeatureExtractors.annotation)
        #expect(first.featureShards > 0 && first.featureShards == first.totalShards)
        try await fixture.extract()
        let second = try await fixture.serialize(options: small, features: FeatureExtractors.annotation)
        #expect(second.featureShards == second.totalShards - first.totalShards, "only the shards the second run began")

        func features(_ folder: URL) async throws -> FeatureStage.Summary {
            let dataset = try await DatasetFolder.openForAdding(folder, wait: false)
            defer { dataset.release() }
            return try await FeatureStage(dataset: dataset, extractor: FeatureExtractors.annotation).run(in: .test())
        }
        // What annotate features computes from the shards alone, in a copy without feature files.
        let copy = fixture.output("copy")
        try FileManager.default.copyItem(at: fixture.output("out"), to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("features"))
        #expect(try await features(copy).computedShards == second.totalShards)
        let completed = try await features(fixture.output("out"))
        #expect(completed.computedShards > 0, "the last shards of the first run, continued by the second, are computed by annotate")
        #expect(completed.reusedShards + completed.computedShards == second.totalShards)
        let name = FeatureExtractors.annotation.name
        #expect(try SerializeFixture.files(under: fixture.output("out/features/\(name)"))
                == SerializeFixture.files(under: copy.appendingPathComponent("features/\(name)")),
                "the same vectors, byte for byte, for a dataset of kept JPEGs")
    }

    // MARK: - The bad corpus

    /// The problems recorded for one article, as (severity, kind, file).
    func outcomes(_ problems: [RecordedProblem], _ pmcid: String) -> [String] {
        problems.filter { $0.pmcid == pmcid }.map { "\($0.severity) \($0.kind) \($0.file ?? "-")" }
    }

    @Test func badCorpusOutcomes() async throws {
        let fixture = try await SerializeFixture.extracted("bad/pmc-cloud")
        defer { fixture.remove() }
        let summary = try await fixture.serialize()
        let problems = try fixture.serializeProblems()
        let rows = try fixture.sampleRows()
        func written(_ pmcid: String) -> [String] { rows.filter { $0.pmcid == pmcid && $0.shard != nil }.map(\.key) }
        let first = "1471-2180-11-174-1.jpg"

        #expect(written("PMC9000101").count == 4, "the clean copy: every figure")
        #expect(outcomes(problems, "PMC9000101").isEmpty)
        #expect(written("PMC9000102").isEmpty && outcomes(problems, "PMC9000102").isEmpty, "failed at extraction: not serialized")
        #expect(written("PMC9000112").isEmpty && outcomes(problems, "PMC9000112").isEmpty, "failed at extraction: not serialized")

        #expect(outcomes(problems, "PMC9000105") == ["error missing-file \(first)"])
        #expect(written("PMC9000105").count == 3)
        let missing = try #require(problems.first { $0.pmcid == "PMC9000105" })
        #expect(missing.message.contains("PMC9000105.1") && missing.message.contains(first), "names the article and the file")

        let corrupt = outcomes(problems, "PMC9000106")
        #expect(corrupt == ["error not-an-image \(first)"] || corrupt == ["error undecodable-image \(first)"])
        #expect(written("PMC9000106").count == 3)

        let truncated = outcomes(problems, "PMC9000107")
        #expect((truncated == ["error undecodable-image \(first)"] && written("PMC9000107").count == 3)
                || (truncated.isEmpty && written("PMC9000107").count == 4), "an error or a partial decode")

        #expect(outcomes(problems, "PMC9000108") == ["warning too-small \(first)"])
        #expect(problems.first { $0.pmcid == "PMC9000108" }?.message.contains("12x12") == true)
        #expect(written("PMC9000108").count == 3)

        #expect(outcomes(problems, "PMC9000109") == ["error too-many-pixels \(first)"])
        #expect(problems.first { $0.pmcid == "PMC9000109" }?.message.contains("30000x30000") == true)
        #expect(written("PMC9000109").count == 3)

        #expect(outcomes(problems, "PMC9000111") == ["error checksum-mismatch \(first)"])
        #expect(written("PMC9000111").count == 3)

        #expect(written("PMC9000116").isEmpty && outcomes(problems, "PMC9000116").isEmpty, "no figures: nothing, no error")

        // Exact duplicates across articles: 115's first figure is 114's.
        let original = try #require(rows.first { $0.pmcid == "PMC9000114" && $0.key.hasSuffix("_1471-2180-11-174-1") })
        let duplicate = try #require(rows.first { $0.pmcid == "PMC9000115" && $0.key.hasSuffix("_1471-2180-11-174-1") })
        #expect(original.duplicateOf == nil && original.shard != nil)
        #expect(duplicate.duplicateOf == original.key && duplicate.shard == nil, "recorded, left out of the shards")
        #expect(written("PMC9000114").count == 4 && written("PMC9000115").count == 3)
        #expect(summary.duplicates == 1)

        // Totals agree with the per-article outcomes.
        let errors = problems.filter { $0.severity == "error" }
        #expect(summary.failedByReason.values.reduce(0, +) == errors.count)
        #expect(summary.droppedByReason == ["too-small": 1])
        #expect(summary.samplesByGroup["commercial"] == rows.filter { $0.shard != nil }.count)
        #expect(Set(summary.samplesByGroup.keys) == ["commercial"], "every bad article is CC BY")
        let shardSamples = try fixture.shardSamples(group: .commercial)
        #expect(shardSamples.map(\.sample.key) == rows.filter { $0.shard != nil }.map(\.key))
        #expect(!shardSamples.contains { $0.sample.key == duplicate.key })

        // The CMYK JPEG comes through as an 8-bit sRGB JPEG.
        let cmyk = try #require(shardSamples.first { $0.sample.key.hasPrefix("PMC9000110_") && $0.sample.key.hasSuffix("_1471-2180-11-174-1") })
        let source = try ImageProcessor().header(of: [UInt8](Data(contentsOf: fixture.corpus.appendingPathComponent("PMC9000110.1/\(first)"))))
        #expect(source.colourSpace == .cmyk, "the corpus file is CMYK")
        let stored = try ImageProcessor().header(of: [UInt8](try #require(cmyk.sample.member("jpg"))))
        #expect(stored.format == .jpeg && stored.bands == 3 && stored.colourSpace == .srgb)
        #expect(stored.width == source.width && stored.height == source.height)
        let json = try sampleJSON(cmyk.sample)
        #expect(json["image_format"] as? String == "jpg" && json["image_source_format"] as? String == "jpeg")
        #expect(json["image_hash"] as? String == Self.sha256(try #require(cmyk.sample.member("jpg"))))
    }

    @Test func keptDuplicatesAreWrittenAndMarked() async throws {
        let fixture = try await SerializeFixture.extracted("bad/pmc-cloud")
        defer { fixture.remove() }
        let leftOut = try await fixture.serialize(into: "default")
        // Other options: the catalog's serialization starts again, into another folder.
        let kept = try await fixture.serialize(into: "kept", options: SerializeOptions(keepDuplicates: true))
        #expect(kept.rebuilt && kept.duplicates == 1)
        #expect(kept.samplesByGroup["commercial"] == (leftOut.samplesByGroup["commercial"] ?? 0) + 1)
        let rows = try fixture.sampleRows()
        #expect(rows.allSatisfy { $0.shard != nil }, "every sample written")
        #expect(rows.filter { $0.duplicateOf != nil }.count == 1)

        let samples = try fixture.shardSamples("kept", group: .commercial)
        let original = try #require(samples.first { $0.sample.key.hasPrefix("PMC9000114_") && $0.sample.key.hasSuffix("_1471-2180-11-174-1") })
        let duplicate = try #require(samples.first { $0.sample.key.hasPrefix("PMC9000115_") && $0.sample.key.hasSuffix("_1471-2180-11-174-1") })
        #expect(try sampleJSON(duplicate.sample)["image_duplicate_of"] as? String == original.sample.key)
        #expect(try sampleJSON(original.sample)["image_duplicate_of"] is NSNull)
        #expect(try sampleJSON(duplicate.sample)["image_hash"] as? String == sampleJSON(original.sample)["image_hash"] as? String)
        #expect(try sampleJSON(duplicate.sample)["image_near_duplicate_of"] is NSNull, "an exact duplicate is not also a near one")
        #expect(samples.filter { (try? sampleJSON($0.sample)["image_duplicate_of"] as? String) != nil }.count == 1)
    }
}
