import PMCModel

/// What one PubMed record (`PubmedArticle` or `PubmedBookArticle` of an efetch answer) says
/// about an article: its indexing, abstract, identifiers and the papers it cites.
public struct PubMedRecord: Hashable, Sendable, Codable {
    /// The PubMed identifier, digits only.
    public var pmid: String
    /// True for a book or book chapter (`PubmedBookArticle`), which has no journal and rarely MeSH.
    public var isBook: Bool
    /// The article (or chapter, or book) title, inline markup read as plain text.
    public var title: String
    /// The abstract, nil when the record has none.
    public var abstract: PubMedAbstract?
    /// The journal, nil for books.
    public var journal: PubMedJournal?
    /// MeSH headings in record order; empty for records not (yet) indexed for MEDLINE.
    public var meshHeadings: [MeSHHeading]
    /// Publication types in record order.
    public var publicationTypes: [PublicationType]
    /// Keywords of every keyword list, in record order.
    public var keywords: [PubMedKeyword]
    /// Indexed substances in record order.
    public var chemicals: [Chemical]
    /// The record's own identifiers (never those of the papers it cites), in record order.
    public var articleIDs: [ArticleID]
    /// PMIDs of the cited papers, in record order, each once.
    public var citedPMIDs: [String]

    /// The JSON keys: snake_case, as in the dataset's other JSON.
    enum CodingKeys: String, CodingKey {
        case pmid
        case isBook = "is_book"
        case title
        case abstract
        case journal
        case meshHeadings = "mesh_headings"
        case publicationTypes = "publication_types"
        case keywords
        case chemicals
        case articleIDs = "article_ids"
        case citedPMIDs = "cited_pmids"
    }

    /// Creates a record from its parts.
    public init(
        pmid: String, isBook: Bool = false, title: String = "", abstract: PubMedAbstract? = nil,
        journal: PubMedJournal? = nil, meshHeadings: [MeSHHeading] = [], publicationTypes: [PublicationType] = [],
        keywords: [PubMedKeyword] = [], chemicals: [Chemical] = [], articleIDs: [ArticleID] = [], citedPMIDs: [String] = []
    ) {
        self.pmid = pmid
        self.isBook = isBook
        self.title = title
        self.abstract = abstract
        self.journal = journal
        self.meshHeadings = meshHeadings
        self.publicationTypes = publicationTypes
        self.keywords = keywords
        self.chemicals = chemicals
        self.articleIDs = articleIDs
        self.citedPMIDs = citedPMIDs
    }

    /// The first of the record's own identifiers of `type` (`doi`, `pmc`, `pii`...), or nil.
    public func articleID(ofType type: String) -> String? {
        articleIDs.first { $0.type == type }?.value
    }

    /// The DOI, from the record's own identifiers.
    public var doi: String? { articleID(ofType: "doi") }

    /// The PMC article this record is linked to, or nil.
    public var pmcid: PMCID? { articleID(ofType: "pmc").flatMap(PMCID.init) }
}
