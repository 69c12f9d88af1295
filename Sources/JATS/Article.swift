import PMCModel

/// Everything the dataset needs from one JATS `<article>`.
public struct Article: Sendable, Equatable, Codable {
    /// The PMCID written in the XML (`article-id` of type `pmc` or `pmcid`), if any. The
    /// source's own identity of the article wins over this one when they differ.
    public var pmcid: PMCID?
    /// The PubMed identifier.
    public var pmid: String?
    /// The DOI, without a `doi:` or `https://doi.org/` prefix.
    public var doi: String?
    /// `article/@article-type`, for example `research-article`.
    public var articleType: String?
    /// The article title as plain text.
    public var title: String
    /// The abstract as plain text; structured abstracts keep their section titles (`Background: ...`).
    public var abstract: String
    /// Author keywords from every `kwd-group`.
    public var keywords: [String]
    /// Subjects from `article-categories`, outermost first.
    public var subjects: [String]
    /// `journal-title`, falling back to the NLM abbreviation.
    public var journal: String?
    /// Journal publisher.
    public var publisher: String?
    /// The publication date, as precise as the XML gives it.
    public var date: PublicationDate?
    /// Volume, issue and pages as written.
    public var volume: String?
    /// Issue number as written.
    public var issue: String?
    /// First page or electronic location id.
    public var firstPage: String?
    /// Last page.
    public var lastPage: String?
    /// The article's license, if `permissions` states one.
    public var license: License?
    /// The body text: paragraphs and section titles, one per line, figures and tables left out.
    public var bodyText: String
    /// The reference list.
    public var references: [Reference]
    /// Figures and tables in document order; nested supplementary figures follow their parent.
    public var figures: [Figure]

    /// Creates an article; every field but the title and text defaults to empty.
    public init(
        pmcid: PMCID? = nil, pmid: String? = nil, doi: String? = nil, articleType: String? = nil,
        title: String = "", abstract: String = "", keywords: [String] = [], subjects: [String] = [],
        journal: String? = nil, publisher: String? = nil, date: PublicationDate? = nil,
        volume: String? = nil, issue: String? = nil, firstPage: String? = nil, lastPage: String? = nil,
        license: License? = nil, bodyText: String = "", references: [Reference] = [], figures: [Figure] = []
    ) {
        self.pmcid = pmcid
        self.pmid = pmid
        self.doi = doi
        self.articleType = articleType
        self.title = title
        self.abstract = abstract
        self.keywords = keywords
        self.subjects = subjects
        self.journal = journal
        self.publisher = publisher
        self.date = date
        self.volume = volume
        self.issue = issue
        self.firstPage = firstPage
        self.lastPage = lastPage
        self.license = license
        self.bodyText = bodyText
        self.references = references
        self.figures = figures
    }
}
