import Entrez
import PMCModel

/// One extracted article version with everything the serialize stage needs: where its source
/// keeps it, its metadata and full text, its figures with their graphics, and its reference list.
public struct StoredArticle: Sendable, Equatable {
    /// One graphic of a figure.
    public struct Graphic: Sendable, Equatable {
        /// Its position within the figure, from 0.
        public var position: Int
        /// The href as the XML writes it.
        public var href: String
        /// The media file it resolved to; nil when none matched.
        public var media: String?
        /// The MD5 the source publishes for `media`, if it gives one.
        public var md5: String?
    }

    /// One figure or table.
    public struct Figure: Sendable, Equatable {
        /// Its position in the article, from 0.
        public var position: Int
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
        /// The enclosing figure's id for a nested supplementary figure.
        public var parentID: String?
        /// Its graphics in document order.
        public var graphics: [Graphic]
        /// The paragraphs citing it, as plain text.
        public var context: [String]
    }

    /// One entry of the reference list.
    public struct Reference: Sendable, Equatable {
        /// The reference as plain text.
        public var text: String
        /// Its PubMed identifier, if the XML gives one.
        public var pmid: String?
    }

    /// The article version.
    public var id: ArticleVersion
    /// The source fingerprint it was extracted from.
    public var fingerprint: String
    /// The fingerprint of what the dataset shows of it: `fingerprint`, plus its PubMed record's
    /// digest once enriched. Serialize writes the article again when it changes.
    public var datasetFingerprint: String
    /// Where the source keeps it (bucket folder or tarball).
    public var sourceLocation: String
    /// The source's last-modified stamp.
    public var lastModified: String?
    /// PMC's license code.
    public var licenseCode: String?
    /// `commercial`, `noncommercial` or `other`.
    public var licenseGroup: LicenseGroup
    /// The license URL from the XML.
    public var licenseURL: String?
    /// PMC's short citation.
    public var citation: String?
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
    /// Publisher name.
    public var publisher: String?
    /// Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var date: String?
    /// Author keywords.
    public var keywords: [String]
    /// Subjects from `article-categories`.
    public var subjects: [String]
    /// The body as plain text.
    public var bodyText: String?
    /// Figures and tables in document order.
    public var figures: [Figure]
    /// The reference list in order.
    public var references: [Reference]
    /// PubMed's record for `pmid`, once the enrich stage has it.
    public var pubmed: PubMedRecord?
}
