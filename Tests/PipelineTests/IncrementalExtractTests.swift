import Catalog
import Foundation
import PMCModel
import PMCSource
import Pipeline
import TestSupport
import Testing

@Suite("Extracting again after the source changed", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct IncrementalExtractTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("incremental-\(UUID().uuidString)")

    /// The PMC Cloud corpus copied without its inventory report, so that the folder as it is now is listed.
    func corpusCopy() throws -> URL {
        let copy = folder.appendingPathComponent("pmc-cloud")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try SharedCorpus.url("pmc-cloud"), to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("inventory-reports"))
        return copy
    }

    /// A corpus copy, extracted once into a new catalog.
    func extractedCopy() async throws -> (corpus: URL, catalog: Catalog) {
        let corpus = try corpusCopy()
        let catalog = try Catalog(path: folder.appendingPathComponent("c.sqlite").path)
        _ = try await extract(corpus, into: catalog)
        return (corpus, catalog)
    }

    func extract(_ corpus: URL, into catalog: Catalog, _ selection: ArticleSelection = ArticleSelection()) async throws -> ExtractStage.Summary {
        try await ExtractStage(source: CloudSource(store: LocalObjectStore(root: corpus)), catalog: catalog, selection: selection).run(in: .test())
    }

    /// Moves an article version's folder and metadata out of the corpus (nil `to`: deletes them).
    func remove(_ version: String, from corpus: URL, to place: URL? = nil) throws {
        for (item, name) in [(version, version), ("metadata/\(version).json", "\(version).json")] {
            let path = corpus.appendingPathComponent(item)
            if let place {
                try FileManager.default.moveItem(at: path, to: place.appendingPathComponent(name))
            } else {
                try FileManager.default.removeItem(at: path)
            }
        }
    }

    /// `PMCID.2` beside `PMCID.1`, with the same XML and media.
    func addSecondVersion(of pmcid: String, in corpus: URL) throws {
        let old = corpus.appendingPathComponent("\(pmcid).1")
        let new = corpus.appendingPathComponent("\(pmcid).2")
        try FileManager.default.copyItem(at: old, to: new)
        try FileManager.default.moveItem(at: new.appendingPathComponent("\(pmcid).1.xml"), to: new.appendingPathComponent("\(pmcid).2.xml"))
        try FileManager.default.removeItem(at: new.appendingPathComponent("\(pmcid).1.json"))
        let metadata = try String(contentsOf: old.appendingPathComponent("\(pmcid).1.json"), encoding: .utf8)
            .replacingOccurrences(of: "/\(pmcid).1/", with: "/\(pmcid).2/")
            .replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2")
        try metadata.write(to: new.appendingPathComponent("\(pmcid).2.json"), atomically: true, encoding: .utf8)
        try metadata.write(to: corpus.appendingPathComponent("metadata/\(pmcid).2.json"), atomically: true, encoding: .utf8)
    }

    func stored(_ catalog: Catalog) throws -> [String] {
        try catalog.storedArticles(after: nil, limit: 100).map(\.id.description)
    }

    @Test("a new version replaces the old, a deleted article is withdrawn, and one put back returns")
    func countsAndWithdraws() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try corpusCopy()
        let catalog = try Catalog(path: folder.appendingPathComponent("c.sqlite").path)
        let first = try await extract(corpus, into: catalog)
        #expect((first.added, first.changed, first.replaced, first.withdrawn) == (24, 0, 0, 0))
        #expect(try stored(catalog).count == 24 - first.failed)

        let aside = folder.appendingPathComponent("aside")
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        try remove("PMC6358576.1", from: corpus, to: aside)
        try addSecondVersion(of: "PMC2599765", in: corpus)
        let second = try await extract(corpus, into: catalog)
        #expect((second.added, second.changed, second.replaced, second.withdrawn) == (0, 0, 1, 1))
        #expect(second.unchanged == 23 && second.extracted == 1)
        let afterChange = try stored(catalog)
        #expect(!afterChange.contains("PMC6358576.1") && afterChange.contains("PMC2599765.2") && !afterChange.contains("PMC2599765.1"))

        try FileManager.default.moveItem(at: aside.appendingPathComponent("PMC6358576.1"), to: corpus.appendingPathComponent("PMC6358576.1"))
        try FileManager.default.moveItem(
            at: aside.appendingPathComponent("PMC6358576.1.json"), to: corpus.appendingPathComponent("metadata/PMC6358576.1.json"))
        let third = try await extract(corpus, into: catalog)
        #expect((third.added, third.changed, third.replaced, third.withdrawn) == (0, 0, 0, 0))
        #expect(third.unchanged == 25)
        #expect(try stored(catalog).contains("PMC6358576.1"), "back in the source, back in the dataset")
    }

    @Test("a shard withdraws only its own articles, and a cut listing withdraws none")
    func withdrawalsStayInsideTheSelection() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (corpus, catalog) = try await extractedCopy()
        let pmcids = try FileManager.default.contentsOfDirectory(atPath: corpus.path).compactMap(ArticleVersion.init)
        let shard = try ShardSpec(index: 0, count: 2)
        let inside = try #require(pmcids.first { shard.contains($0.pmcid) })
        let outside = try #require(pmcids.first { !shard.contains($0.pmcid) })
        try remove(inside.description, from: corpus)
        try remove(outside.description, from: corpus)

        let limited = try await extract(corpus, into: catalog, ArticleSelection(limit: 2))
        #expect(limited.withdrawn == 0 && limited.withdrawnUnchecked == "--limit")
        let sharded = try await extract(corpus, into: catalog, ArticleSelection(shard: shard))
        #expect(sharded.withdrawn == 1 && sharded.withdrawnUnchecked == nil)
        let narrowed = try await extract(corpus, into: catalog, ArticleSelection(pmcids: [inside.pmcid]))
        #expect(narrowed.withdrawn == 0, "already withdrawn")
        let whole = try await extract(corpus, into: catalog)
        #expect(whole.withdrawn == 1)
        #expect(try Set(stored(catalog)).isDisjoint(with: [inside.description, outside.description]))
    }

    @Test("an offline run, which reads only the listing a fetch recorded, withdraws nothing")
    func offlineListingWithdrawsNothing() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let (corpus, catalog) = try await extractedCopy()
        let cache = folder.appendingPathComponent("cache")
        let online = try CachedSource(wrapping: CloudSource(store: LocalObjectStore(root: corpus)), cache: ContentCache(root: cache))
        _ = try await FetchStage(source: online, sourceKey: "corpus", selection: ArticleSelection(limit: 3)).run(in: .test())
        let offline = try CachedSource(offline: ContentCache(root: cache), sourceKey: "corpus")
        let summary = try await ExtractStage(source: offline, catalog: catalog, selection: ArticleSelection()).run(in: .test())
        #expect(summary.listed == 3 && summary.unchanged == 3)
        #expect(summary.withdrawn == 0 && summary.withdrawnUnchecked == "offline listing")
        #expect(try stored(catalog).count == catalog.counts().articles, "every article extracted without error is still in the dataset")
    }
}
