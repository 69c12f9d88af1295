import Catalog
import Entrez
import Foundation
import GRDB
import JATS
import PMCModel
import Testing

@Suite("What the enrich stage keeps in the catalog: PubMed records and misses by PMID")
struct PubMedCatalogTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pubmed-catalog-\(UUID().uuidString)")

    func makeCatalog(_ name: String = "catalog.sqlite") throws -> Catalog {
        try Catalog(path: folder.appendingPathComponent(name).path)
    }

    func id(_ text: String) throws -> ArticleVersion {
        try #require(ArticleVersion(text))
    }

    /// An extracted article carrying `pmid`, as the source's metadata gives it.
    func article(_ text: String, pmid: String?, fingerprint: String = "f1") throws -> CatalogEntry {
        CatalogEntry(
            id: try id(text), fingerprint: fingerprint, sourceLocation: "\(text)/", lastModified: nil,
            licenseCode: "CC BY", citation: nil, sourcePMID: pmid, sourceDOI: nil,
            article: Article(title: "Article \(text)"), media: [], failure: nil, warnings: [])
    }

    func record(_ pmid: String, mesh: String = "Asthma") -> PubMedRecord {
        PubMedRecord(
            pmid: pmid, title: "Record \(pmid)",
            meshHeadings: [MeSHHeading(descriptor: MeSHTerm(name: mesh, uniqueID: "D001249", isMajorTopic: true))],
            citedPMIDs: ["11", "12"])
    }

    @Test("the PMIDs to ask for: those of the dataset's articles, each once, in numeric order, never malformed ones")
    func pmidsToAsk() throws {
        let catalog = try makeCatalog()
        try catalog.record([
            try article("PMC1.1", pmid: "100"), try article("PMC2.1", pmid: "100"), try article("PMC3.1", pmid: "00012"),
            try article("PMC4.1", pmid: nil), try article("PMC5.1", pmid: "7"), try article("PMC5.2", pmid: "8"),
            try article("PMC6.1", pmid: "12a"),
        ])
        #expect(try catalog.pmidsToEnrich(includingNoRecord: false) == ["8", "100"], "PMC5.1 is an older version")
    }

    @Test("records and misses are kept by PMID: a second run asks only for PMIDs whose requests failed")
    func storedOutcome() throws {
        let catalog = try makeCatalog()
        try catalog.record([
            try article("PMC1.1", pmid: "100"), try article("PMC2.1", pmid: "100"), try article("PMC3.1", pmid: "8"),
            try article("PMC4.1", pmid: "9"), try article("PMC5.1", pmid: nil),
        ])
        let missed = try catalog.storePubMed(EFetchOutcome(
            records: [record("100")],
            misses: [EFetchMiss(pmid: "8", kind: .noRecord, cause: "left out"), EFetchMiss(pmid: "9", kind: .failed, cause: "HTTP 503")],
            requests: 2))
        #expect(missed == ["8": [try id("PMC3.1")], "9": [try id("PMC4.1")]])
        #expect(try catalog.pmidsToEnrich(includingNoRecord: false) == ["9"])
        #expect(try catalog.pmidsToEnrich(includingNoRecord: true) == ["8", "9"])
        #expect(try catalog.pubMedCoverage() == PubMedCoverage(articles: 5, withoutPMID: 1, withRecord: 2, noRecord: 1, failed: 1))

        // A record arriving later clears the miss.
        try catalog.storePubMed(EFetchOutcome(records: [record("9")], misses: [], requests: 1))
        #expect(try catalog.pmidsToEnrich(includingNoRecord: true) == ["8"])
        #expect(try catalog.pubMedCoverage() == PubMedCoverage(articles: 5, withoutPMID: 1, withRecord: 3, noRecord: 1, failed: 0))
        // A miss never replaces a record.
        try catalog.storePubMed(EFetchOutcome(records: [], misses: [EFetchMiss(pmid: "9", kind: .failed, cause: "x")], requests: 1))
        #expect(try catalog.pubMedCoverage().withRecord == 3)
    }

    @Test("a stored article carries its PubMed record, and its dataset fingerprint follows the record's content")
    func storedArticles() throws {
        let catalog = try makeCatalog()
        try catalog.record([try article("PMC1.1", pmid: "100"), try article("PMC2.1", pmid: nil)])
        let before = try catalog.storedArticles(after: nil, limit: 10)
        #expect(before.map(\.datasetFingerprint) == ["f1", "f1"])
        #expect(before.allSatisfy { $0.pubmed == nil })
        try catalog.commitSerialization(
            before.map { SerializedArticle(id: $0.id, fingerprint: $0.datasetFingerprint, samples: [], problems: []) }, checkpoint: "c")
        #expect(try catalog.staleSerializations(through: id("PMC2.1")) == 0)

        try catalog.storePubMed(EFetchOutcome(records: [record("100")], misses: [], requests: 1))
        let enriched = try catalog.storedArticles(after: nil, limit: 10)
        #expect(enriched[0].pubmed == record("100"))
        #expect(enriched[0].datasetFingerprint.hasPrefix("f1 pubmed:"))
        #expect(enriched[1].datasetFingerprint == "f1")
        #expect(try catalog.staleSerializations(through: id("PMC2.1")) == 1, "the enriched article must be written again")

        // The same record again leaves the fingerprint alone; another one changes it.
        try catalog.storePubMed(EFetchOutcome(records: [record("100")], misses: [], requests: 1))
        #expect(try catalog.storedArticles(after: nil, limit: 1)[0].datasetFingerprint == enriched[0].datasetFingerprint)
        try catalog.storePubMed(EFetchOutcome(records: [record("100", mesh: "Humans")], misses: [], requests: 1))
        #expect(try catalog.storedArticles(after: nil, limit: 1)[0].datasetFingerprint != enriched[0].datasetFingerprint)
    }

    @Test("a record stored in another format is as good as absent: asked for again, never read")
    func otherFormat() throws {
        let catalog = try makeCatalog()
        try catalog.record([try article("PMC1.1", pmid: "100")])
        try catalog.storePubMed(EFetchOutcome(records: [record("100")], misses: [], requests: 1))
        #expect(try catalog.pmidsToEnrich(includingNoRecord: false) == [])
        try DatabaseQueue(path: catalog.path).write { db in
            try db.execute(sql: #"UPDATE pubmed_records SET format = 0, record = '{"meshHeadings": []}'"#)
        }
        #expect(try catalog.pmidsToEnrich(includingNoRecord: false) == ["100"])
        #expect(try catalog.storedArticles(after: nil, limit: 1).first?.pubmed == nil)
        #expect(try catalog.exportedVersions(of: try #require(PMCID("PMC1"))).first?.pubmed == nil)
        #expect(try catalog.pubMedCoverage().withRecord == 0)
        try catalog.storePubMed(EFetchOutcome(records: [record("100")], misses: [], requests: 1))
        #expect(try catalog.storedArticles(after: nil, limit: 1).first?.pubmed == record("100"))
    }

    @Test("export and show carry an article's PubMed record, or null")
    func exported() throws {
        let catalog = try makeCatalog()
        try catalog.record([try article("PMC1.1", pmid: "100"), try article("PMC1.2", pmid: "100"), try article("PMC2.1", pmid: "8")])
        try catalog.storePubMed(EFetchOutcome(records: [record("100")], misses: [], requests: 1))
        let versions = try catalog.exportedVersions(of: try #require(PMCID("PMC1")))
        #expect(versions.map(\.pubmed) == [record("100"), record("100")])
        var exported: [String] = []
        try catalog.forEachExportedArticle { exported.append("\($0.pmcid).\($0.version) \($0.pubmed?.pmid ?? "none")") }
        #expect(exported == ["PMC1.1 100", "PMC1.2 100", "PMC2.1 none"])
    }

    @Test("a merge carries the parts' records and misses; a record in one part wins over a miss in another")
    func merge() throws {
        let first = try makeCatalog("first.sqlite")
        try first.record([try article("PMC1.1", pmid: "100")])
        try first.storePubMed(EFetchOutcome(records: [record("100")], misses: [], requests: 1))
        let second = try makeCatalog("second.sqlite")
        try second.record([try article("PMC2.1", pmid: "100"), try article("PMC3.1", pmid: "8")])
        try second.storePubMed(EFetchOutcome(
            records: [], misses: [EFetchMiss(pmid: "100", kind: .failed, cause: "x"), EFetchMiss(pmid: "8", kind: .noRecord, cause: "y")],
            requests: 1))

        let merged = try makeCatalog("merged.sqlite")
        try merged.importExtraction(from: first.path)
        try merged.importExtraction(from: second.path)
        #expect(try merged.pubMedCoverage() == PubMedCoverage(articles: 3, withoutPMID: 0, withRecord: 2, noRecord: 1, failed: 0))
        #expect(try merged.pmidsToEnrich(includingNoRecord: false) == [])
    }
}
