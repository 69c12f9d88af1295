import PMCModel

/// One article version as a source lists it: enough to pick it, filter it and load it later.
public struct ArticleRef: Sendable, Hashable, Codable {
    /// `PMCID.VERSION`. The legacy layout has no versions: its articles are version 1.
    public var id: ArticleVersion
    /// PMC's license code (`CC BY`, `CC BY-NC`, `NO-CC CODE`, ...), nil when unknown.
    public var licenseCode: String?
    /// The PubMed identifier the source gives, if any.
    public var pmid: String?
    /// PMC's short citation (`BMC Microbiology. 2011`), if the source gives one.
    public var citation: String?
    /// When the source last changed this article, as the source writes it.
    public var lastModified: String?
    /// Changes whenever the article's content changes (XML checksum, ETag or last-updated stamp):
    /// a catalog entry with the same fingerprint needs no new extraction.
    public var fingerprint: String
    /// Where the source finds the article: a bucket folder key or a tarball path.
    public var location: String
    /// A problem found while listing (for example unreadable metadata) that makes loading fail.
    public var listingProblem: SourceError?
    /// The media file names when the listing already read them (the cloud layout's metadata
    /// names them), so loading need not read the metadata a second time; nil otherwise.
    public var mediaFiles: [String]?
    /// The MD5 of each media file the listing's metadata gave one for.
    public var mediaChecksums: [String: String] = [:]
    /// The MD5 the listing's metadata gave for the XML, if any.
    public var xmlChecksum: String?
    /// The DOI the listing's metadata gave, if any.
    public var doi: String?
    /// The title the listing's metadata gave, if any.
    public var title: String?

    /// The license group that `licenseCode` puts the article in.
    public var licenseGroup: LicenseGroup { LicenseGroup(licenseCode: licenseCode) }

    /// Creates a reference.
    public init(
        id: ArticleVersion, licenseCode: String?, pmid: String?, citation: String?, lastModified: String?,
        fingerprint: String, location: String, listingProblem: SourceError? = nil
    ) {
        self.id = id
        self.licenseCode = licenseCode
        self.pmid = pmid
        self.citation = citation
        self.lastModified = lastModified
        self.fingerprint = fingerprint
        self.location = location
        self.listingProblem = listingProblem
    }
}
