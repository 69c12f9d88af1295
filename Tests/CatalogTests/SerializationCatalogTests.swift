import Catalog
import Foundation
import JATS
import PMCModel
import Testing

@Suite("What the serialize stage reads from and commits to the catalog")
struct SerializationCatalogTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serialization-catalog-\(UUID().uuidString)")

    func makeCatalog(_ name: String = "catalog.sqlite") throws -> Catalog {
        try Catalog(path: folder.appendingPathComponent(name).path)
    }

    func id(_ text: String) throws -> ArticleVersion {
        try #require(ArticleVersion(text))
    }

    /// An article with one figure of two graphics; `failed` records it as failed.
    func entry(_ text: String, fingerprint: String = "f1", failed: Bool = false) throws -> CatalogEntry {
        let article = Article(
            title: "Article \(text)", abstract: "About \(text).", journal: "Test J.",
            references: [Reference(id: "r1", text: "A reference.", pmid: "555"), Reference(id: "r2", text: "Another.")],
            figures: [
                Figure(id: "F1", kind: .figure, label: "Figure 1", captionTitle: "Title.", caption: "Text of \(text).",
                       graphics: ["g1", "g2"], citingParagraphs: [CitingParagraph(text: "See Figure 1.", xml: "<p/>")]),
            ])
        var entry = CatalogEntry(
            id: try id(text), fingerprint: fingerprint, sourceLocation: "\(text)/", lastModified: nil,
            licenseCode: "CC BY", citation: nil, sourcePMID: nil, sourceDOI: nil,
            article: failed ? nil : article, media: failed ? [] : [["g1.jpg", nil]],
            failure: failed ? Problem(severity: .error, kind: "malformed-xml", file: nil, message: "\(text): broken") : nil,
            warnings: [])
        entry.mediaChecksums = ["g1.jpg": "0123456789abcdef0123456789abcdef"]
        return entry
    }

    /// The record of a serialized article: one sample per (key, image hash, duplicate of, written),
    /// with the perceptual hashes `perceptualHashes` gives by key.
    func serialized(
        _ text: String, fingerprint: String = "f1", firstSequence: Int64,
        samples: [(key: String, bytes: String, duplicateOf: String?, written: Bool)] = [], perceptualHashes: [String: UInt64] = [:]
    ) throws -> SerializedArticle {
        SerializedArticle(
            id: try id(text), fingerprint: fingerprint,
            samples: samples.enumerated().map { offset, sample in
                SampleRecord(
                    figurePosition: 0, graphicPosition: offset, sequence: firstSequence + Int64(offset), key: sample.key,
                    licenseGroup: "commercial", imageHash: sample.bytes, perceptualHash: perceptualHashes[sample.key],
                    duplicateOf: sample.duplicateOf, nearDuplicateOf: nil,
                    shard: sample.written ? "commercial/000000.tar" : nil, metadata: #"{"image_id":"\#(sample.key)"}"#)
            },
            problems: [])
    }

    func ids(_ articles: [StoredArticle]) -> [String] {
        articles.map(\.id.description)
    }

    @Test func storedArticlesAreTheLatestGoodVersionsInPMCIDOrder() throws {
        let catalog = try makeCatalog()
        try catalog.record([
            try entry("PMC100.1"), try entry("PMC99.2"), try entry("PMC99.1"), try entry("PMC1000.1"),
            try entry("PMC1000.2", failed: true), try entry("PMC5.1", failed: true), try entry("PMC7.1"),
        ])
        let all = try catalog.storedArticles(after: nil, limit: 100)
        #expect(ids(all) == ["PMC7.1", "PMC99.2", "PMC100.1", "PMC1000.1"],
                "numeric order; the older PMC99 and the failed versions are left out")
        #expect(try catalog.countStoredArticles(after: nil) == 4)

        // Paging.
        #expect(ids(try catalog.storedArticles(after: nil, limit: 2)) == ["PMC7.1", "PMC99.2"])
        #expect(ids(try catalog.storedArticles(after: id("PMC99.2"), limit: 2)) == ["PMC100.1", "PMC1000.1"])
        #expect(try catalog.countStoredArticles(after: id("PMC99.2")) == 2)
        #expect(ids(try catalog.storedArticles(after: id("PMC1000.1"), limit: 2)) == [])
        #expect(try catalog.countStoredArticles(after: id("PMC1000.1")) == 0)
        #expect(ids(try catalog.storedArticles(after: id("PMC99.1"), limit: 1)) == ["PMC99.2"])

        // What the sampler needs is there.
        let article = try #require(all.first)
        #expect(article.title == "Article PMC7.1" && article.sourceLocation == "PMC7.1/")
        #expect(article.licenseGroup == .commercial && article.licenseCode == "CC BY")
        let figure = try #require(article.figures.first)
        #expect(figure.label == "Figure 1" && figure.captionTitle == "Title." && figure.caption == "Text of PMC7.1.")
        #expect(figure.context == ["See Figure 1."])
        #expect(figure.graphics.map(\.href) == ["g1", "g2"])
        #expect(figure.graphics.map(\.media) == ["g1.jpg", nil])
        #expect(figure.graphics.map(\.md5) == ["0123456789abcdef0123456789abcdef", nil])
        #expect(article.references.map(\.pmid) == ["555", nil])
    }

    @Test func changedFingerprintsAndMissedArticlesMakeTheShardsStale() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1"), try entry("PMC20.1"), try entry("PMC30.1")])
        #expect(try catalog.serializeCheckpoint() == nil)
        try catalog.commitSerialization(
            [try serialized("PMC10.1", firstSequence: 0), try serialized("PMC20.1", firstSequence: 0)], checkpoint: "after 20")
        #expect(try catalog.serializeCheckpoint() == "after 20")
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 0)
        #expect(try catalog.countStoredArticles(after: id("PMC20.1")) == 1, "PMC30 is still to do")

        // An article after the checkpoint is not stale: the run goes on to it.
        try catalog.record([try entry("PMC25.1")])
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 0)
        // One before it is: it belongs in the shards already written.
        try catalog.record([try entry("PMC15.1")])
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 1)
        #expect(try catalog.staleSerializations(through: id("PMC10.1")) == 0, "PMC15 is after PMC10")
    }

    @Test func aChangedArticleMakesTheShardsStale() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1"), try entry("PMC20.1")])
        try catalog.commitSerialization(
            [try serialized("PMC10.1", firstSequence: 0), try serialized("PMC20.1", firstSequence: 0)], checkpoint: "c")
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 0)

        try catalog.record([try entry("PMC20.1", fingerprint: "f2")])
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 1, "extracted again with another fingerprint")
        #expect(try catalog.staleSerializations(through: nil) == 1)
        try catalog.record([try entry("PMC20.1", fingerprint: "f1")])
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 0, "back to what was serialized")

        // A new failed version changes nothing: the latest good version is still the one serialized.
        try catalog.record([try entry("PMC10.2", failed: true)])
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 0)
        // A new good version replaces it: the old one is stale and the new one missed.
        try catalog.record([try entry("PMC10.3")])
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 2)
        // The article failing on a new extraction takes it out of the dataset.
        let other = try makeCatalog("other.sqlite")
        try other.record([try entry("PMC10.1"), try entry("PMC20.1")])
        try other.commitSerialization(
            [try serialized("PMC10.1", firstSequence: 0), try serialized("PMC20.1", firstSequence: 0)], checkpoint: "c")
        try other.record([try entry("PMC10.1", fingerprint: "f3", failed: true)])
        #expect(try other.staleSerializations(through: id("PMC20.1")) == 1)
    }

    @Test func keptSampleIsTheEarliestThatIsNotADuplicate() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1"), try entry("PMC20.1"), try entry("PMC30.1")])
        #expect(try catalog.keptSample(withImageHash: "h1") == nil)
        // Committed out of order on purpose: the sequence decides, not the insertion.
        try catalog.commitSerialization([
            try serialized("PMC30.1", firstSequence: 10, samples: [("PMC30_0000_c", "h1", nil, true)]),
            try serialized("PMC10.1", firstSequence: 0, samples: [
                ("PMC10_0000_a", "h1", "PMC1_0000_x", true),  // itself a duplicate: never the original
                ("PMC10_0000_b", "h2", nil, true),
            ]),
            try serialized("PMC20.1", firstSequence: 5, samples: [
                ("PMC20_0000_a", "h1", nil, true),
                ("PMC20_0000_b", "h2", "PMC10_0000_b", false),
            ]),
        ], checkpoint: "c")
        #expect(try catalog.keptSample(withImageHash: "h1") == "PMC20_0000_a")
        #expect(try catalog.keptSample(withImageHash: "h2") == "PMC10_0000_b")
        #expect(try catalog.keptSample(withImageHash: "h3") == nil)

        // Only written samples reach the Parquet table, in sequence order.
        var written: [String] = []
        try catalog.forEachWrittenSample { written.append($0) }
        #expect(written == [
            #"{"image_id":"PMC10_0000_a"}"#, #"{"image_id":"PMC10_0000_b"}"#,
            #"{"image_id":"PMC20_0000_a"}"#, #"{"image_id":"PMC30_0000_c"}"#,
        ])
        #expect(try catalog.writtenSampleCounts() == [id("PMC10.1"): 2, id("PMC20.1"): 1, id("PMC30.1"): 1])
    }

    @Test("the nearest perceptual hash within the distance is found, the earliest of equals, never an exact duplicate's")
    func nearestSampleWithinDistance() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1"), try entry("PMC20.1")])
        let base: UInt64 = 0x0123_4567_89AB_CDEF
        // Bits flipped in every quarter, so that no quarter of the hash is found as it is.
        let spread: UInt64 = 0x0001_0001_0001_0001
        try catalog.commitSerialization([
            try serialized("PMC10.1", firstSequence: 0, samples: [
                ("PMC10_0000_a", "h1", nil, true), ("PMC10_0000_b", "h2", nil, true), ("PMC10_0000_c", "h3", "PMC10_0000_b", false),
            ], perceptualHashes: ["PMC10_0000_a": base ^ spread ^ 0x10, "PMC10_0000_b": base ^ 0x3, "PMC10_0000_c": base]),
            try serialized("PMC20.1", firstSequence: 3, samples: [("PMC20_0000_a", "h4", nil, true)],
                           perceptualHashes: ["PMC20_0000_a": base ^ 0x3 << 40]),
        ], checkpoint: "c")
        #expect(try catalog.nearestSample(toPerceptualHash: base, within: 2) == NearSample(key: "PMC10_0000_b", sequence: 1, distance: 2),
                "b and PMC20's a are 2 bits away, b is earlier; c, an exact duplicate, is never a match")
        #expect(try catalog.nearestSample(toPerceptualHash: base, within: 1) == nil)
        #expect(try catalog.nearestSample(toPerceptualHash: base ^ 0x3, within: 0)?.key == "PMC10_0000_b")
        // Five bits from a, none of its quarters as they are: found only by flipping a bit of one.
        let nearA = base ^ spread ^ 0x10 ^ spread << 2 ^ 0x200
        #expect(try catalog.nearestSample(toPerceptualHash: nearA, within: 5) == NearSample(key: "PMC10_0000_a", sequence: 0, distance: 5))
        #expect(try catalog.nearestSample(toPerceptualHash: nearA, within: 4) == nil)
        #expect(try catalog.nearestSample(toPerceptualHash: base ^ spread ^ 0x10, within: -1) == nil)
        try catalog.resetSerialization()
        #expect(try catalog.nearestSample(toPerceptualHash: base, within: 7) == nil, "a reset forgets the hashes too")
    }

    @Test("the quarters looked up find every hash within the distance, and no hash is looked up twice")
    func bandCandidatesCoverTheDistance() {
        let hash: UInt64 = 0xFEDC_BA98_7654_3210
        for distance in [0, 3, 4, 7, 8, 11] {
            let candidates = PerceptualHashBands.candidates(of: hash, within: distance)
            let radius = distance / 4
            let expected = (0...radius).reduce(0) { count, bits in count + binomial(16, bits) }
            #expect(candidates.allSatisfy { Set($0).count == $0.count && $0.count == expected })
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<200 {
                var other = hash
                for bit in (0..<64).shuffled(using: &generator).prefix(distance) { other ^= 1 << UInt64(bit) }
                let found = zip(PerceptualHashBands.values(of: other), candidates).contains { value, values in values.contains(value) }
                #expect(found, "\(String(other, radix: 16)) is \(distance) bits from \(String(hash, radix: 16))")
            }
        }
    }

    private func binomial(_ n: Int, _ k: Int) -> Int {
        (0..<k).reduce(1) { $0 * (n - $1) / ($1 + 1) }
    }

    @Test func resetForgetsTheSerializationButNotTheExtraction() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1"), try entry("PMC20.1", failed: true)])
        try catalog.commitSerialization([try serialized("PMC10.1", firstSequence: 0, samples: [("PMC10_0000_a", "h1", nil, true)])],
                                        checkpoint: "c")
        try catalog.resetSerialization()
        #expect(try catalog.serializeCheckpoint() == nil)
        #expect(try catalog.keptSample(withImageHash: "h1") == nil)
        #expect(try catalog.writtenSampleCounts().isEmpty)
        #expect(try catalog.staleSerializations(through: id("PMC10.1")) == 1, "PMC10 is no longer serialized")
        #expect(ids(try catalog.storedArticles(after: nil, limit: 10)) == ["PMC10.1"])
        let pmc20 = try #require(PMCID("PMC20"))
        let failed = try #require(try catalog.exportedVersions(of: pmc20).first)
        #expect(failed.error?.kind == "malformed-xml", "the extract stage's problems stay")
        // The same samples can be committed again after a reset.
        try catalog.commitSerialization([try serialized("PMC10.1", firstSequence: 0, samples: [("PMC10_0000_a", "h1", nil, true)])],
                                        checkpoint: "c2")
        #expect(try catalog.keptSample(withImageHash: "h1") == "PMC10_0000_a")
    }

    @Test func aFailedCommitLeavesTheLastCheckpoint() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1"), try entry("PMC20.1")])
        try catalog.commitSerialization([try serialized("PMC10.1", firstSequence: 0, samples: [("PMC10_0000_a", "h1", nil, true)])],
                                        checkpoint: "first")
        // A second batch reusing a sequence number violates a constraint: nothing of it stays.
        #expect(throws: CatalogError.self) {
            try catalog.commitSerialization(
                [try serialized("PMC20.1", firstSequence: 0, samples: [("PMC20_0000_a", "h2", nil, true)])], checkpoint: "second")
        }
        #expect(try catalog.serializeCheckpoint() == "first")
        #expect(try catalog.keptSample(withImageHash: "h2") == nil)
        #expect(try catalog.staleSerializations(through: id("PMC10.1")) == 0)
        #expect(try catalog.staleSerializations(through: id("PMC20.1")) == 1, "PMC20 was not committed")
    }
}
