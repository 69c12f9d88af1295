import Foundation
import JATS
import Testing
import TestSupport

/// `articles.json` counts the `<graphic>` elements inside `<fig>` and inside `<table-wrap>` of every
/// corpus article; the parser must find exactly those, in both copies of each article.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct GraphicCountTests {
    private struct Expected: Decodable {
        let pmcid: String
        let source: String
        let fig_graphics: Int
        let table_graphics: Int
    }

    private func expectations() throws -> [Expected] {
        try JSONDecoder().decode([Expected].self, from: Data(contentsOf: SharedCorpus.url("articles.json")))
    }

    private func counts(of article: Article) -> (figures: Int, tables: Int) {
        let figures = article.figures.filter { $0.kind == .figure }.reduce(0) { $0 + $1.graphics.count }
        let tables = article.figures.filter { $0.kind == .table }.reduce(0) { $0 + $1.graphics.count }
        return (figures, tables)
    }

    @Test func jatsFilesMatchArticlesJSON() throws {
        let expected = try expectations()
        #expect(expected.count == 24)
        for entry in expected {
            let article = try CorpusArticles.article(entry.pmcid, in: "jats/\(entry.source)")
            let found = counts(of: article)
            #expect(found.figures == entry.fig_graphics, "\(entry.pmcid) fig graphics")
            #expect(found.tables == entry.table_graphics, "\(entry.pmcid) table graphics")
        }
    }

    @Test func pmcCloudCopiesMatchArticlesJSON() throws {
        for entry in try expectations() {
            let article = try CorpusArticles.single("pmc-cloud/\(entry.pmcid).1/\(entry.pmcid).1.xml")
            #expect(article.pmcid?.rawValue == entry.pmcid)
            let found = counts(of: article)
            #expect(found.figures == entry.fig_graphics, "\(entry.pmcid) fig graphics")
            #expect(found.tables == entry.table_graphics, "\(entry.pmcid) table graphics")
        }
    }

    @Test func articleSetSplitsIntoItsTenArticles() throws {
        let articles = try CorpusArticles.parse("jats/PMC6358576_PMC6358589.xml")
        #expect(articles.map { $0.pmcid?.rawValue ?? "" } == [
            "PMC6358576", "PMC6358577", "PMC6358578", "PMC6358579", "PMC6358580",
            "PMC6358581", "PMC6358585", "PMC6358587", "PMC6358588", "PMC6358589",
        ])
    }
}
