import Entrez

/// One article version as `biomedica export` and `show` write it: one JSON object with the
/// article's metadata, its figures and tables, its error if extraction failed, and its PubMed record once enriched.
public struct ExportedArticle: Sendable, Equatable, Codable {
    /// One figure or table.
    public struct Figure: Sendable, Equatable, Codable {
        /// `fig/@id` or `table-wrap/@id`.
        public var id: String?
        /// `fig` or `table`.
        public var kind: String
        /// The label, for example `Figure 2`.
        public var label: String
        /// The caption's title.
        public var captionTitle: String
        /// The caption's text without its title.
        public var caption: String
        /// The graphic hrefs as written in the XML.
        public var graphics: [String]
        /// The media file each graphic resolved to, parallel to `graphics`; null when none matched.
        public var media: [String?]
        /// The enclosing figure's id for a nested supplementary figure.
        public var parentID: String?
        /// The figure's own license URL, if it has its own permissions.
        public var licenseURL: String?
        /// The paragraphs citing this figure, as plain text.
        public var references: [String]
        /// The same paragraphs with their markup (`<xref>` kept).
        public var referencesXML: [String]

        enum CodingKeys: String, CodingKey {
            case id, kind, label
            case captionTitle = "caption_title"
            case caption, graphics, media
            case parentID = "parent_id"
            case licenseURL = "license_url"
            case references
            case referencesXML = "references_xml"
        }
    }

    /// The reason extraction failed.
    public struct Failure: Sendable, Equatable, Codable {
        /// A short stable name, for example `malformed-xml`.
        public var kind: String
        /// What went wrong, naming the file.
        public var message: String

        /// Creates a failure.
        public init(kind: String, message: String) {
            self.kind = kind
            self.message = message
        }
    }

    /// `PMC3166277`.
    public var pmcid: String
    /// The version, from 1.
    public var version: Int
    /// PubMed identifier.
    public var pmid: String?
    /// DOI.
    public var doi: String?
    /// Article title.
    public var title: String?
    /// Abstract as plain text.
    public var abstract: String?
    /// Journal title.
    public var journal: String?
    /// Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var date: String?
    /// PMC's short citation.
    public var citation: String?
    /// PMC license code.
    public var licenseCode: String?
    /// `commercial`, `noncommercial` or `other`.
    public var licenseGroup: String
    /// The license URL from the XML.
    public var licenseURL: String?
    /// Author keywords.
    public var keywords: [String]
    /// Subjects from `article-categories`.
    public var subjects: [String]
    /// Figures and tables in document order.
    public var figures: [Figure]
    /// Null when extraction succeeded.
    public var error: Failure?
    /// PubMed's record for `pmid`, once the enrich stage has it.
    public var pubmed: PubMedRecord?

    enum CodingKeys: String, CodingKey {
        case pmcid, version, pmid, doi, title, abstract, journal, date, citation
        case licenseCode = "license_code"
        case licenseGroup = "license_group"
        case licenseURL = "license_url"
        case keywords, subjects, figures, error, pubmed
    }

    public func encode(to encoder: any Encoder) throws {
        // Spelled out so absent values are written as null, not left out: every line has every key.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pmcid, forKey: .pmcid)
        try container.encode(version, forKey: .version)
        try container.encode(pmid, forKey: .pmid)
        try container.encode(doi, forKey: .doi)
        try container.encode(title, forKey: .title)
        try container.encode(abstract, forKey: .abstract)
        try container.encode(journal, forKey: .journal)
        try container.encode(date, forKey: .date)
        try container.encode(citation, forKey: .citation)
        try container.encode(licenseCode, forKey: .licenseCode)
        try container.encode(licenseGroup, forKey: .licenseGroup)
        try container.encode(licenseURL, forKey: .licenseURL)
        try container.encode(keywords, forKey: .keywords)
        try container.encode(subjects, forKey: .subjects)
        try container.encode(figures, forKey: .figures)
        try container.encode(error, forKey: .error)
        try container.encode(pubmed, forKey: .pubmed)
    }
}

extension ExportedArticle.Figure {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(label, forKey: .label)
        try container.encode(captionTitle, forKey: .captionTitle)
        try container.encode(caption, forKey: .caption)
        try container.encode(graphics, forKey: .graphics)
        try container.encode(media, forKey: .media)
        try container.encode(parentID, forKey: .parentID)
        try container.encode(licenseURL, forKey: .licenseURL)
        try container.encode(references, forKey: .references)
        try container.encode(referencesXML, forKey: .referencesXML)
    }
}
