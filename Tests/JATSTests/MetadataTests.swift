import JATS
import PMCModel
import Testing
import TestSupport

/// Article metadata of real articles, checked against their XML.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct CorpusMetadataTests {
    @Test func springerReview() throws {
        let article = try CorpusArticles.single("jats/PMC7417471.nxml")
        #expect(article.pmcid == PMCID("PMC7417471"))
        #expect(article.pmid == "32776254")
        #expect(article.doi == "10.1186/s40580-020-00237-4")
        #expect(article.articleType == "review-article")
        #expect(article.title == "Graphene impregnated electrospun nanofiber sensing materials: a comprehensive overview on bridging laboratory set-up to industry")
        #expect(article.journal == "Nano Convergence")
        #expect(article.publisher == "Springer Singapore")
        #expect(article.date == PublicationDate(year: 2020, month: 8, day: 10))
        #expect(article.volume == "7")
        #expect(article.firstPage == "27")
        #expect(article.keywords == [
            "Electrospinning", "Electrospun nanofibers", "Nanocomposites", "Graphene", "Graphene oxide",
            "Reduced graphene oxide", "Graphene quantum dots", "Electrochemical biosensors",
        ])
        #expect(article.subjects == ["Review"])
        // Only the license text links it: `<ext-link xlink:href>` inside `license-p`.
        #expect(article.license?.url == "http://creativecommons.org/licenses/by/4.0/")
        #expect(article.license?.type == "OpenAccess")
        #expect(article.references.count == 206)
        #expect(article.references.first?.doi == "10.1039/c8ra09577a")
    }

    @Test func ehpPrefersTheElectronicDate() throws {
        let article = try CorpusArticles.single("jats/ehp-116-1694.nxml")
        #expect(article.pmcid == PMCID("PMC2599765"))
        #expect(article.pmid == "19079722")
        #expect(article.title.hasPrefix("Dietary Exposure to 2,2\u{2032},4,4\u{2032}-Tetrabromodiphenyl Ether (PBDE-47) Alters Thyroid Status and Thyroid Hormone\u{2013}Regulated Gene"))
        #expect(article.journal == "Environmental Health Perspectives")
        #expect(article.publisher == "National Institute of Environmental Health Sciences")
        #expect(article.date == PublicationDate(year: 2008, month: 8, day: 1))
        #expect(article.volume == "116")
        #expect(article.issue == "12")
        #expect(article.firstPage == "1694")
        #expect(article.lastPage == "1699")
        #expect(article.subjects == ["Research"])
        #expect(article.license?.url == "http://creativecommons.org/publicdomain/mark/1.0/")
        #expect(article.license?.type == "public-domain")
        #expect(article.license?.text.hasPrefix("Publication of EHP lies in the public domain") == true)
    }

    @Test func oupKeywordsLicenseAndCopyright() throws {
        let article = try CorpusArticles.single("jats/mds526.nxml")
        #expect(article.keywords == ["cancer", "demographic", "diagnosis", "inequalities", "socio-economic", "stage"])
        #expect(article.license?.url == "http://creativecommons.org/licenses/by-nc/3.0")
        #expect(article.license?.copyright?.hasPrefix("\u{A9} The Author 2012. Published by Oxford University Press") == true)
        #expect(article.bodyText.hasPrefix("introduction\nEliminating population exposure"))
    }

    @Test func bmcStructuredAbstractAndReferences() throws {
        let article = try CorpusArticles.single("jats/1471-2180-11-174.nxml")
        #expect(article.abstract.hasPrefix("Background: Despite identical genotypes"))
        #expect(article.abstract.contains("\nResults: Individual lysis events"))
        let first = try #require(article.references.first)
        #expect(first.id == "B1")
        #expect(first.pmid == "16845428")
        #expect(first.doi == "10.1038/nrmicro1460")
        #expect(first.text.hasPrefix("Avery SV Microbial cell individuality"))
    }
}

/// Metadata variants seen across JATS versions, on small documents.
struct MetadataVariantTests {
    @Test func pmcidFromPmcOrPmcidWithOrWithoutPrefixNeverPmcaid() throws {
        let pmcaidFirst = try InlineArticle.parse(body: "", front: """
            <article-id pub-id-type="pmcaid">999</article-id><article-id pub-id-type="pmcid">PMC123</article-id>\
            <article-id pub-id-type="doi">https://doi.org/10.5/ABC</article-id>
            """)
        #expect(pmcaidFirst.pmcid == PMCID("PMC123"))
        #expect(pmcaidFirst.doi == "10.5/ABC")
        let bare = try InlineArticle.parse(body: "", front: #"<article-id pub-id-type="pmc">456</article-id><article-id pub-id-type="doi">doi:10.6/x</article-id>"#)
        #expect(bare.pmcid == PMCID("PMC456"))
        #expect(bare.doi == "10.6/x")
        let onlyPmcaid = try InlineArticle.parse(body: "", front: #"<article-id pub-id-type="pmcaid">789</article-id>"#)
        #expect(onlyPmcaid.pmcid == nil)
    }

    @Test func dateTypesAndPreference() throws {
        let modern = try InlineArticle.parse(body: "", front: """
            <pub-date publication-format="print" date-type="pub"><year>2019</year><month>3</month></pub-date>\
            <pub-date publication-format="electronic" date-type="pub" iso-8601-date="2018-12-08"/>
            """)
        #expect(modern.date == PublicationDate(year: 2018, month: 12, day: 8))
        let seasonOnly = try InlineArticle.parse(body: "", front: #"<pub-date pub-type="ppub"><season>Jan-Feb</season><year>2007</year></pub-date>"#)
        #expect(seasonOnly.date == PublicationDate(year: 2007, season: "Jan-Feb"))
        let collectionOverOther = try InlineArticle.parse(body: "", front: """
            <pub-date pub-type="pmc-release"><year>2020</year></pub-date><pub-date pub-type="collection"><month>Mar</month><year>2019</year></pub-date>
            """)
        #expect(collectionOverOther.date == PublicationDate(year: 2019, month: 3))
        let noYear = try InlineArticle.parse(body: "", front: #"<pub-date pub-type="epub"/>"#)
        #expect(noYear.date == nil)
    }

    @Test func aliLicenseRefAndJournalFallback() throws {
        let xml = """
            <article xmlns:ali="http://www.niso.org/schemas/ali/1.0/"><front><journal-meta>\
            <journal-id journal-id-type="iso-abbrev">J. Ex.</journal-id><journal-id journal-id-type="nlm-ta">J Ex</journal-id>\
            </journal-meta><article-meta><permissions><license license-type="open-access">\
            <ali:license_ref>https://creativecommons.org/licenses/by/4.0/</ali:license_ref><license-p>Free.</license-p>\
            </license></permissions></article-meta></front></article>
            """
        let article = try #require(try JATSParser.parse(Array(xml.utf8)).first)
        #expect(article.journal == "J Ex")
        #expect(article.license == License(url: "https://creativecommons.org/licenses/by/4.0/", type: "open-access", text: "Free."))
    }

    @Test func rootsOtherThanArticlesAreRefused() throws {
        #expect(throws: JATSError.notAnArticle(rootElement: "html")) {
            try JATSParser.parse(Array("<html><article/></html>".utf8))
        }
        let set = #"<pmc-articleset><article><front><article-meta><article-id pub-id-type="pmc">1</article-id></article-meta></front></article><article/></pmc-articleset>"#
        #expect(try JATSParser.parse(Array(set.utf8)).map(\.pmcid) == [PMCID("PMC1"), nil])
    }

    @Test func malformedXMLCarriesItsPosition() {
        #expect {
            try JATSParser.parse(Array("<article>\n<body><p>cut".utf8))
        } throws: { error in
            guard case .malformedXML(let parseError) = error as? JATSError else { return false }
            return parseError.line == 2
        }
    }
}
