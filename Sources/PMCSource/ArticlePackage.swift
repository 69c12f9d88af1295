/// One article version loaded from a source: its JATS XML and the names of its media files.
public struct ArticlePackage: Sendable {
    /// The reference it was loaded from.
    public var ref: ArticleRef
    /// The JATS XML, as bytes: the parser decodes the declared encoding itself.
    public var xml: [UInt8]
    /// The XML file's name within the article (`PMC3166277.1.xml`, `PMC3166277/1471-2180-11-174.nxml`), for errors.
    public var xmlFileName: String
    /// The article's media file names (no folders), as listed by the source, sorted.
    public var mediaFiles: [String]
    /// The MD5 checksum (lowercase hex) the source publishes for a media file, by file name; the
    /// fetch stage verifies downloads against it. Empty where the source gives none (the legacy layout).
    public var mediaChecksums: [String: String]
    /// The DOI the source's metadata gives, if any.
    public var doi: String?
    /// The title the source's metadata gives, if any.
    public var title: String?
    /// Problems with single entries that did not stop the article (skipped unsafe tar entries, ...).
    public var warnings: [String]

    /// Creates a package.
    public init(
        ref: ArticleRef, xml: [UInt8], xmlFileName: String, mediaFiles: [String],
        mediaChecksums: [String: String] = [:], doi: String? = nil, title: String? = nil, warnings: [String] = []
    ) {
        self.ref = ref
        self.xml = xml
        self.xmlFileName = xmlFileName
        self.mediaFiles = mediaFiles
        self.mediaChecksums = mediaChecksums
        self.doi = doi
        self.title = title
        self.warnings = warnings
    }
}
