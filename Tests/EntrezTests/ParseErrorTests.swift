import Entrez
import Testing
import TestSupport

/// Answers that are empty, malformed or not PubMed XML at all.
struct ParseErrorTests {
    private func parse(_ xml: String, source: String = "answer.xml") throws(PubMedParseError) -> [PubMedRecord] {
        try PubMedParser.parse(Array(xml.utf8), source: source)
    }

    @Test func emptyArticleSetHasNoRecords() throws {
        let answer = """
            <?xml version="1.0" ?>
            <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
            <PubmedArticleSet></PubmedArticleSet>
            """
        #expect(try parse(answer).isEmpty)
    }

    @Test func malformedXMLNamesTheFileAndLine() throws {
        let answer = "<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation>\n</PubmedArticle>\n</PubmedArticleSet>"
        let error = #expect(throws: PubMedParseError.self) { try parse(answer, source: "batch-7.xml") }
        guard case .malformedXML(let source, let xmlError)? = error else {
            Issue.record("expected malformedXML, got \(String(describing: error))")
            return
        }
        #expect(source == "batch-7.xml")
        #expect(xmlError.line == 4)
        #expect(error?.description.hasPrefix("batch-7.xml: malformed XML at line 4") == true)
    }

    @Test func errorDocumentIsNotAnArticleSet() throws {
        let answer = "<eFetchResult><ERROR>Cannot retrieve history data.</ERROR></eFetchResult>"
        #expect(throws: PubMedParseError.notAPubMedArticleSet(source: "answer.xml", rootElement: "eFetchResult")) {
            try parse(answer)
        }
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func pmcAnswerIsNotPubMed() throws {
        #expect(throws: PubMedParseError.notAPubMedArticleSet(source: "efetch_pmc.xml", rootElement: "pmc-articleset")) {
            try CorpusRecords.parse("efetch_pmc.xml")
        }
    }

    @Test func recordsWithoutPMIDAreLeftOut() throws {
        let answer = """
            <PubmedArticleSet><PubmedArticle><MedlineCitation><Article><ArticleTitle>No id</ArticleTitle></Article>\
            </MedlineCitation></PubmedArticle><PubmedArticle><MedlineCitation><PMID>42</PMID></MedlineCitation>\
            </PubmedArticle><DeleteCitation><PMID>43</PMID></DeleteCitation></PubmedArticleSet>
            """
        #expect(try parse(answer).map(\.pmid) == ["42"])
    }
}
