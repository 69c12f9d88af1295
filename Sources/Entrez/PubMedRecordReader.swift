import PMCModel
import XML

/// Assembles a `PubMedRecord` from one `PubmedArticle` or `PubmedBookArticle` element.
enum PubMedRecordReader {
    /// The record in `element`, or nil when it is not a record or has no PMID: such a record
    /// cannot be matched to the article that asked for it, which is then reported as unanswered.
    static func record(from element: XMLElement) -> PubMedRecord? {
        guard let parts = RecordElements(record: element),
              let pmid = parts.citation.firstChild(named: "PMID").map({ $0.textContent.trimmingWhitespace() }),
              !pmid.isEmpty
        else { return nil }
        return PubMedRecord(
            pmid: pmid,
            isBook: parts.isBook,
            title: title(of: parts),
            abstract: parts.article?.firstChild(named: "Abstract").flatMap(AbstractReader.abstract(from:)),
            journal: journal(of: parts),
            meshHeadings: meshHeadings(in: parts.citation),
            publicationTypes: publicationTypes(in: parts.article),
            keywords: keywords(in: parts.citation),
            chemicals: chemicals(in: parts.citation),
            articleIDs: IdentifierReader.ownIDs(of: parts),
            citedPMIDs: IdentifierReader.citedPMIDs(of: parts))
    }

    /// The article title; a whole book has only its book title.
    private static func title(of parts: RecordElements) -> String {
        InlineText.nonEmptyText(of: parts.article?.firstChild(named: "ArticleTitle"))
            ?? InlineText.nonEmptyText(of: parts.article?.firstChild(path: ["Book", "BookTitle"]))
            ?? ""
    }

    private static func journal(of parts: RecordElements) -> PubMedJournal? {
        guard let journal = parts.article?.firstChild(named: "Journal") else { return nil }
        let issn = journal.firstChild(named: "ISSN")
        return PubMedJournal(
            title: InlineText.nonEmptyText(of: journal.firstChild(named: "Title")) ?? "",
            isoAbbreviation: InlineText.nonEmptyText(of: journal.firstChild(named: "ISOAbbreviation")),
            issn: InlineText.nonEmptyText(of: issn),
            issnType: issn?.attribute("IssnType"),
            linkingISSN: InlineText.nonEmptyText(of: parts.citation.firstChild(path: ["MedlineJournalInfo", "ISSNLinking"])))
    }

    private static func meshHeadings(in citation: XMLElement) -> [MeSHHeading] {
        let headings = citation.firstChild(named: "MeshHeadingList")?.children(named: "MeshHeading") ?? []
        return headings.compactMap { heading in
            guard let descriptor = heading.firstChild(named: "DescriptorName") else { return nil }
            return MeSHHeading(descriptor: meshTerm(descriptor), qualifiers: heading.children(named: "QualifierName").map(meshTerm))
        }
    }

    private static func meshTerm(_ element: XMLElement) -> MeSHTerm {
        MeSHTerm(name: InlineText.text(of: element), uniqueID: element.attribute("UI") ?? "", isMajorTopic: isYes(element.attribute("MajorTopicYN")))
    }

    /// Journal articles list their types in `PublicationTypeList`; books name them directly.
    private static func publicationTypes(in article: XMLElement?) -> [PublicationType] {
        guard let article else { return [] }
        let types = (article.firstChild(named: "PublicationTypeList") ?? article).children(named: "PublicationType")
        return types.map { PublicationType(name: InlineText.text(of: $0), uniqueID: $0.attribute("UI") ?? "") }
    }

    private static func keywords(in citation: XMLElement) -> [PubMedKeyword] {
        citation.children(named: "KeywordList").flatMap { list in
            list.children(named: "Keyword").map { keyword in
                PubMedKeyword(
                    text: InlineText.text(of: keyword),
                    isMajorTopic: keyword.attribute("MajorTopicYN").map(isYes),
                    owner: list.attribute("Owner"))
            }
        }
    }

    private static func chemicals(in citation: XMLElement) -> [Chemical] {
        let chemicals = citation.firstChild(named: "ChemicalList")?.children(named: "Chemical") ?? []
        return chemicals.compactMap { chemical in
            guard let substance = chemical.firstChild(named: "NameOfSubstance") else { return nil }
            return Chemical(
                name: InlineText.text(of: substance),
                registryNumber: InlineText.nonEmptyText(of: chemical.firstChild(named: "RegistryNumber")) ?? "",
                uniqueID: substance.attribute("UI") ?? "")
        }
    }

    private static func isYes(_ flag: String?) -> Bool {
        flag == "Y"
    }
}
