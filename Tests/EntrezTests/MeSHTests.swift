import Entrez
import Testing
import TestSupport

/// MeSH headings, publication types, keywords and chemicals, checked against the efetch files.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct MeSHTests {
    @Test func headingsKeepQualifiersAndBothMajorTopicFlags() throws {
        let record = try CorpusRecords.record("29768149", in: "pubmed-29768149.xml")
        #expect(record.meshHeadings.count == 23)
        #expect(record.meshHeadings.first == MeSHHeading(
            descriptor: MeSHTerm(name: "Administration, Inhalation", uniqueID: "D000280", isMajorTopic: false)))
        #expect(record.meshHeadings[5] == MeSHHeading(
            descriptor: MeSHTerm(name: "Bronchodilator Agents", uniqueID: "D001993", isMajorTopic: false),
            qualifiers: [
                MeSHTerm(name: "administration & dosage", uniqueID: "Q000008", isMajorTopic: true),
                MeSHTerm(name: "adverse effects", uniqueID: "Q000009", isMajorTopic: false),
            ]))
        #expect(record.meshHeadings.last?.descriptor.name == "Young Adult")
    }

    @Test func majorDescriptorsOfAnUnqualifiedList() throws {
        let record = try CorpusRecords.record("12091962", in: "pubmed1.xml")
        #expect(record.meshHeadings.count == 19)
        let major = record.meshHeadings.filter(\.descriptor.isMajorTopic).map(\.descriptor.name)
        #expect(major == [
            "Acquired Immunodeficiency Syndrome", "HIV Seropositivity", "Jurisprudence", "Prisoners", "Public Policy",
        ])
        #expect(record.meshHeadings.allSatisfy { $0.qualifiers.isEmpty })
    }

    @Test func qualifierMajorWhileDescriptorIsNot() throws {
        let record = try CorpusRecords.record("9997", in: "pubmed1.xml")
        #expect(record.meshHeadings.count == 13)
        let chromatium = try #require(record.meshHeadings.first { $0.descriptor.uniqueID == "D002844" })
        #expect(!chromatium.descriptor.isMajorTopic)
        #expect(chromatium.qualifiers == [MeSHTerm(name: "enzymology", uniqueID: "Q000201", isMajorTopic: true)])
    }

    @Test func recordWithoutMeSHParses() throws {
        let record = try CorpusRecords.record("11700088", in: "pubmed2.xml")
        #expect(record.meshHeadings.isEmpty)
        #expect(record.title == "Proton MRI of (13)C distribution by J and chemical shift editing.")
        #expect(record.publicationTypes == [PublicationType(name: "Journal Article", uniqueID: "D016428")])
        #expect(record.abstract?.copyright == "Copyright 2001 Academic Press.")
    }

    @Test func publicationTypesInOrder() throws {
        let record = try CorpusRecords.record("29768149", in: "pubmed-29768149.xml")
        #expect(record.publicationTypes.map(\.name) == [
            "Clinical Trial, Phase III", "Comparative Study", "Journal Article", "Multicenter Study",
            "Randomized Controlled Trial", "Research Support, Non-U.S. Gov't",
        ])
        #expect(record.publicationTypes.first?.uniqueID == "D017428")
    }

    @Test func keywordsKeepOwnerAndMajorFlag() throws {
        let gut = try CorpusRecords.record("27797938", in: "pubmed4.xml")
        #expect(gut.keywords == [PubMedKeyword(text: "PANCREATIC CANCER", isMajorTopic: true, owner: "NOTNLM")])
        let kie = try CorpusRecords.record("12091962", in: "pubmed1.xml")
        #expect(kie.keywords.map(\.text) == ["Health Care and Public Health", "Legal Approach"])
        #expect(kie.keywords.allSatisfy { $0.owner == "KIE" && $0.isMajorTopic == false })
    }

    @Test func chemicalsWithRegistryNumbers() throws {
        let record = try CorpusRecords.record("9997", in: "pubmed1.xml")
        #expect(record.chemicals.count == 4)
        #expect(record.chemicals.first == Chemical(name: "Cytochrome c Group", registryNumber: "0", uniqueID: "D003574"))
        #expect(record.chemicals[2] == Chemical(name: "Heme", registryNumber: "42VZT0U6YR", uniqueID: "D006418"))
        let gut = try CorpusRecords.record("27797938", in: "pubmed4.xml")
        #expect(gut.chemicals.map(\.uniqueID) == ["C509186", "D019098"])
        #expect(gut.chemicals.allSatisfy { $0.registryNumber == "EC 2.7.7.49" })
    }
}
