import Catalog
import Foundation
import PMCModel
import PMCSource
import Pipeline
import TestSupport
import Testing

@Suite("The extract stage over the sample corpus in the repository")
struct ExtractStageTests {
    let sampleCorpus = SharedCorpus.repositoryRoot.appendingPathComponent("Examples/sample-corpus")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("extract-stage-\(UUID().uuidString)")

    func extract(_ catalog: Catalog, selection: ArticleSelection = ArticleSelection(), retryFailed: Bool = false, jobs: Int = 2) async throws -> ExtractStage.Summary {
        let source = try await SourceResolver.resolve(sampleCorpus.path)
        return try await ExtractStage(source: source, catalog: catalog, selection: selection, retryFailed: retryFailed).run(in: .test(jobs: jobs))
    }

    @Test func extractsRecordsAndSkipsOnTheSecondRun() async throws {
        let catalog = try Catalog(path: folder.appendingPathComponent("c.sqlite").path)
        let first = try await extract(catalog)
        #expect(first.listed == 6 && first.selected == 6 && first.unchanged == 0)
        #expect(first.extracted == 5 && first.failed == 1)
        #expect(first.figures == 12 && first.tables == 2)
        #expect(first.resolvedGraphics == 14 && first.unresolvedGraphics == 0)
        #expect(first.errorsByKind == ["malformed-xml": 1])
        #expect(try catalog.counts() == CatalogCounts(articles: 5, failedArticles: 1, figures: 12, tables: 2, graphics: 14))

        let second = try await extract(catalog)
        #expect(second.unchanged == 6 && second.extracted == 0 && second.failed == 0)

        let retried = try await extract(catalog, retryFailed: true)
        #expect(retried.unchanged == 5 && retried.retried == 1 && retried.failed == 1, "only the failed article is tried again")
        #expect(retried.added + retried.changed + retried.replaced == 0)
    }

    @Test func failureNamesTheArticleAndFile() async throws {
        let catalog = try Catalog(path: folder.appendingPathComponent("f.sqlite").path)
        _ = try await extract(catalog)
        let pmcid = try #require(PMCID("PMC99000006"))
        let broken = try #require(try catalog.exportedVersions(of: pmcid).first)
        let error = try #require(broken.error)
        #expect(error.kind == "malformed-xml")
        #expect(error.message.contains("PMC99000006.1"))
        #expect(error.message.contains("PMC99000006.1.xml"))
        #expect(error.message.contains("line "))
        #expect(broken.licenseGroup == "commercial", "what the source knows is kept for a failed article")
    }

    @Test func selectionNarrowsTheWork() async throws {
        let catalog = try Catalog(path: folder.appendingPathComponent("s.sqlite").path)
        let selection = ArticleSelection(licenseGroups: [.noncommercial])
        let summary = try await extract(catalog, selection: selection)
        #expect(summary.selected == 2, "PMC99000003 (CC BY-NC) and PMC99000005 (CC BY-NC-ND)")
        var pmcids: [String] = []
        try catalog.forEachExportedArticle { pmcids.append($0.pmcid) }
        #expect(pmcids == ["PMC99000003", "PMC99000005"])

        let limited = try Catalog(path: folder.appendingPathComponent("l.sqlite").path)
        let limitedSummary = try await extract(limited, selection: ArticleSelection(limit: 2))
        #expect(limitedSummary.selected == 2 && limitedSummary.extracted == 2)
    }

    @Test func oneJobAndManyJobsRecordTheSame() async throws {
        let one = try Catalog(path: folder.appendingPathComponent("one.sqlite").path)
        let many = try Catalog(path: folder.appendingPathComponent("many.sqlite").path)
        _ = try await extract(one, jobs: 1)
        _ = try await extract(many, jobs: 8)
        var first: [ExportedArticle] = []
        var second: [ExportedArticle] = []
        try one.forEachExportedArticle { first.append($0) }
        try many.forEachExportedArticle { second.append($0) }
        #expect(first == second)
        #expect(first.count == 6)
    }
}
