import Entrez
import Testing

/// Book records: the corpus has none, so one is written here in the shape PubMed gives
/// GeneReviews chapters.
struct BookRecordTests {
    private static let answer = """
        <?xml version="1.0" ?>
        <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">
        <PubmedArticleSet><PubmedBookArticle><BookDocument>
        <PMID Version="1">20301295</PMID>
        <ArticleIdList><ArticleId IdType="bookaccession">NBK1384</ArticleId></ArticleIdList>
        <Book><Publisher><PublisherName>University of Washington, Seattle</PublisherName></Publisher>
        <BookTitle book="gene">GeneReviews<sup>®</sup></BookTitle>
        <ArticleIdList><ArticleId IdType="doi">10.9999/whole-book</ArticleId></ArticleIdList></Book>
        <LocationLabel Type="chapter">FMR1 Disorders</LocationLabel>
        <ArticleTitle book="gene" part="fragilex">FMR1 Disorders</ArticleTitle>
        <Language>eng</Language>
        <PublicationType UI="D016454">Review</PublicationType>
        <Abstract>
        <AbstractText Label="CLINICAL CHARACTERISTICS" NlmCategory="BACKGROUND">FMR1 disorders include <i>FMR1</i>-related conditions.</AbstractText>
        <AbstractText Label="DIAGNOSIS/TESTING" NlmCategory="METHODS">Diagnosis is by molecular testing.</AbstractText>
        <CopyrightInformation>Copyright © 1993-2025, University of Washington, Seattle.</CopyrightInformation>
        </Abstract>
        <ReferenceList><Reference><Citation>Am J Med Genet. 2001</Citation>
        <ArticleIdList><ArticleId IdType="pubmed">11254449</ArticleId></ArticleIdList></Reference>
        <ReferenceList><Title>Further reading</Title><Reference><Citation>Nature. 1991</Citation>
        <ArticleIdList><ArticleId IdType="pubmed">1710175</ArticleId><ArticleId IdType="doi">10.1038/x</ArticleId></ArticleIdList>
        </Reference></ReferenceList></ReferenceList>
        </BookDocument>
        <PubmedBookData><PublicationStatus>ppublish</PublicationStatus>
        <ArticleIdList><ArticleId IdType="pubmed">20301295</ArticleId></ArticleIdList></PubmedBookData>
        </PubmedBookArticle></PubmedArticleSet>
        """

    private func record() throws -> PubMedRecord {
        let records = try PubMedParser.parse(Array(Self.answer.utf8), source: "book.xml")
        return try #require(records.count == 1 ? records.first : nil)
    }

    @Test func bookFieldsComeFromBookDocument() throws {
        let book = try record()
        #expect(book.pmid == "20301295")
        #expect(book.isBook)
        #expect(book.title == "FMR1 Disorders")
        #expect(book.journal == nil)
        #expect(book.meshHeadings.isEmpty)
        #expect(book.publicationTypes == [PublicationType(name: "Review", uniqueID: "D016454")])
        #expect(book.abstract?.sections.map(\.label) == ["CLINICAL CHARACTERISTICS", "DIAGNOSIS/TESTING"])
        #expect(book.abstract?.sections.first?.text == "FMR1 disorders include FMR1-related conditions.")
        #expect(book.abstract?.copyright == "Copyright © 1993-2025, University of Washington, Seattle.")
    }

    @Test func bookIDsAreTheDocumentsAndTheDatasNotTheWholeBooks() throws {
        #expect(try record().articleIDs == [
            ArticleID(type: "bookaccession", value: "NBK1384"),
            ArticleID(type: "pubmed", value: "20301295"),
        ])
    }

    @Test func nestedReferenceListsAreRead() throws {
        #expect(try record().citedPMIDs == ["11254449", "1710175"])
    }
}
