import Catalog
import Foundation
import JATS
import PMCModel
import Testing

@Suite("The SQLite catalog")
struct CatalogTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-tests-\(UUID().uuidString)")

    let pmc10 = PMCID("PMC10")!

    func makeCatalog() throws -> Catalog {
        try Catalog(path: folder.appendingPathComponent("nested/catalog.sqlite").path)
    }

    func entry(_ id: String, fingerprint: String = "f1", article: Article? = nil, failure: Problem? = nil) throws -> CatalogEntry {
        CatalogEntry(
            id: try #require(ArticleVersion(id)), fingerprint: fingerprint, sourceLocation: "\(id)/",
            lastModified: nil, licenseCode: "CC BY-NC", citation: "Test J. 2026", sourcePMID: "123",
            sourceDOI: "10.1/source", article: article, media: article.map { $0.figures.map { $0.graphics.map { "\($0).jpg" } } } ?? [],
            failure: failure, warnings: [])
    }

    var sampleArticle: Article {
        Article(
            pmcid: PMCID("PMC10"), doi: "10.1/xml", title: "A title", abstract: "An abstract.",
            keywords: ["one", "two"], subjects: ["Research Article"], journal: "Test J.",
            date: PublicationDate(year: 2020, month: 3),
            license: License(url: "https://creativecommons.org/licenses/by-nc/4.0/", type: "open-access", text: "CC BY-NC"),
            references: [Reference(id: "r1", text: "Someone. A paper. 2001.", pmid: "999")],
            figures: [
                Figure(id: "f1", kind: .figure, label: "Figure 1", captionTitle: "Title.", caption: "Text.",
                       graphics: ["g1"], citingParagraphs: [CitingParagraph(text: "See Figure 1.", xml: "<p>See <xref rid=\"f1\">Figure 1</xref>.</p>")]),
                Figure(id: "t1", kind: .table, label: "Table 1", graphics: ["t1a", "t1b"]),
            ])
    }

    @Test func recordsAndExportsAnArticle() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1", article: sampleArticle)])
        let exported = try #require(try catalog.exportedVersions(of: pmc10).first)
        #expect(exported.pmcid == "PMC10" && exported.version == 1)
        #expect(exported.pmid == "123", "the source's PMID stands in when the XML has none")
        #expect(exported.doi == "10.1/xml", "the XML's DOI wins over the source's")
        #expect(exported.date == "2020-03")
        #expect(exported.licenseGroup == "noncommercial")
        #expect(exported.keywords == ["one", "two"])
        #expect(exported.figures.map(\.kind) == ["fig", "table"])
        #expect(exported.figures[0].references == ["See Figure 1."])
        #expect(exported.figures[0].referencesXML == ["<p>See <xref rid=\"f1\">Figure 1</xref>.</p>"])
        #expect(exported.figures[1].graphics == ["t1a", "t1b"])
        #expect(exported.figures[1].media == ["t1a.jpg", "t1b.jpg"])
        #expect(exported.error == nil)
        #expect(try catalog.counts() == CatalogCounts(articles: 1, failedArticles: 0, figures: 1, tables: 1, graphics: 3))
        #expect(try catalog.extractionState(of: ArticleVersion(pmcid: pmc10, version: 1)) == ExtractionState(fingerprint: "f1", failed: false))
    }

    @Test func recordingAgainReplacesEverything() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC10.1", article: sampleArticle)])
        let failure = Problem(severity: .error, kind: "malformed-xml", file: "PMC10.1/PMC10.1.xml", message: "PMC10.1: broken")
        try catalog.record([try entry("PMC10.1", fingerprint: "f2", failure: failure)])
        let exported = try #require(try catalog.exportedVersions(of: pmc10).first)
        #expect(exported.figures.isEmpty)
        #expect(exported.error == ExportedArticle.Failure(kind: "malformed-xml", message: "PMC10.1: broken"))
        #expect(try catalog.counts() == CatalogCounts(articles: 0, failedArticles: 1, figures: 0, tables: 0, graphics: 0))
        #expect(try catalog.extractionState(of: ArticleVersion(pmcid: pmc10, version: 1)) == ExtractionState(fingerprint: "f2", failed: true))
    }

    @Test func exportsInPMCIDThenVersionOrder() throws {
        let catalog = try makeCatalog()
        try catalog.record([try entry("PMC100.1"), try entry("PMC99.2"), try entry("PMC99.1"), try entry("PMC1000.1")])
        var order: [String] = []
        try catalog.forEachExportedArticle { order.append("\($0.pmcid).\($0.version)") }
        #expect(order == ["PMC99.1", "PMC99.2", "PMC100.1", "PMC1000.1"])
    }

    @Test func survivesReopening() throws {
        let path = folder.appendingPathComponent("reopen.sqlite").path
        try Catalog(path: path).record([try entry("PMC10.1", article: sampleArticle)])
        let reopened = try Catalog(path: path)
        #expect(try reopened.counts().graphics == 3)
    }

    @Test func refusesAnUnwritablePath() {
        #expect(throws: CatalogError.self) { try Catalog(path: "/proc/biomedica/catalog.sqlite") }
    }
}
