import Entrez
import Testing
import TestSupport

/// The record's own identifiers and the PMIDs it cites, checked against the efetch files.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct IdentifierTests {
    @Test func ownIDsLeaveOutThoseOfCitedPapers() throws {
        let record = try CorpusRecords.record("29963580", in: "pubmed7.xml")
        #expect(record.articleIDs == [
            ArticleID(type: "pubmed", value: "29963580"),
            ArticleID(type: "doi", value: "10.1117/1.JMI.5.2.026002"),
            ArticleID(type: "pii", value: "17360RR"),
            ArticleID(type: "pmc", value: "PMC6022861"),
        ])
        #expect(record.doi == "10.1117/1.JMI.5.2.026002")
        #expect(record.pmcid?.rawValue == "PMC6022861")
    }

    @Test func citedPMIDsFromTheReferenceList() throws {
        let record = try CorpusRecords.record("29963580", in: "pubmed7.xml")
        #expect(record.citedPMIDs.count == 49)
        #expect(record.citedPMIDs.prefix(3) == ["25144646", "8028666", "19585597"])
        #expect(record.citedPMIDs.last == "18216052")
        #expect(!record.citedPMIDs.contains("29963580"))
    }

    @Test func citedPMIDsOfOlderRecordsFromCommentsCorrections() throws {
        let gut = try CorpusRecords.record("27797938", in: "pubmed4.xml")
        #expect(gut.citedPMIDs.count == 48)
        #expect(gut.citedPMIDs.first == "2657958")
        // A comment on the article is not a paper it cites.
        #expect(!gut.citedPMIDs.contains("27920200"))
        let thyroid = try CorpusRecords.record("28775130", in: "pubmed5.xml")
        #expect(thyroid.citedPMIDs.count == 40)
        #expect(thyroid.citedPMIDs.first == "12775511")
        #expect(thyroid.citedPMIDs.last == "12073143")
        #expect(thyroid.pmcid?.rawValue == "PMC5771820")
        #expect(thyroid.articleID(ofType: "mid") == "NIHMS932407")
    }

    @Test func recordsWithoutReferencesCiteNothing() throws {
        let record = try CorpusRecords.record("29768149", in: "pubmed-29768149.xml")
        #expect(record.citedPMIDs.isEmpty)
        #expect(record.articleIDs.map(\.type) == ["pubmed", "doi"])
        #expect(record.pmcid == nil)
    }

    @Test func everyAnswerFileParsesInOrder() throws {
        let pmids = try ["pubmed-29768149.xml", "pubmed1.xml", "pubmed2.xml", "pubmed4.xml", "pubmed5.xml", "pubmed6.xml", "pubmed7.xml"]
            .flatMap { try CorpusRecords.parse($0).map(\.pmid) }
        #expect(pmids == ["29768149", "12091962", "9997", "11748933", "11700088", "27797938", "28775130", "30108519", "29963580"])
    }
}
