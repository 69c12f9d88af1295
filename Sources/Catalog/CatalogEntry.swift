import JATS
import PMCModel

/// What the extract stage learned about one article version, ready to be recorded.
public struct CatalogEntry: Sendable {
    /// The article version.
    public var id: ArticleVersion
    /// The source's fingerprint of the article's content at extraction time.
    public var fingerprint: String
    /// Where the source keeps the article.
    public var sourceLocation: String
    /// The source's last-modified stamp.
    public var lastModified: String?
    /// PMC's license code.
    public var licenseCode: String?
    /// PMC's short citation.
    public var citation: String?
    /// PMID and DOI from the source's metadata, used where the XML has none.
    public var sourcePMID: String?
    /// The DOI from the source's metadata.
    public var sourceDOI: String?
    /// The parsed article, nil when extraction failed.
    public var article: Article?
    /// For each figure of `article`, the media file each graphic resolved to (nil when none matched).
    public var media: [[String?]]
    /// The MD5 the source publishes for a media file, by file name; empty where it gives none.
    public var mediaChecksums: [String: String] = [:]
    /// Why the article failed, if it did.
    public var failure: Problem?
    /// Problems that did not stop the article.
    public var warnings: [Problem]

    /// Creates an entry for an article that was extracted.
    public init(
        id: ArticleVersion, fingerprint: String, sourceLocation: String, lastModified: String?,
        licenseCode: String?, citation: String?, sourcePMID: String?, sourceDOI: String?,
        article: Article?, media: [[String?]], failure: Problem?, warnings: [Problem]
    ) {
        self.id = id
        self.fingerprint = fingerprint
        self.sourceLocation = sourceLocation
        self.lastModified = lastModified
        self.licenseCode = licenseCode
        self.citation = citation
        self.sourcePMID = sourcePMID
        self.sourceDOI = sourceDOI
        self.article = article
        self.media = media
        self.failure = failure
        self.warnings = warnings
    }

    /// The license group of `licenseCode`.
    public var licenseGroup: LicenseGroup { LicenseGroup(licenseCode: licenseCode) }
}
