/// Size limits that keep one hostile or broken article from exhausting memory or disk.
public struct SourceLimits: Sendable, Hashable {
    /// The most bytes of JATS XML kept for one article.
    public var xmlBytes: Int
    /// The most bytes of one metadata JSON file.
    public var metadataBytes: Int
    /// The most bytes of one package (tarball) downloaded or one inventory file read.
    public var archiveBytes: Int
    /// The most bytes of one media file (an image) read into memory.
    public var mediaBytes: Int

    /// Limits far above any real PMC article (the largest JATS files are a few tens of MB).
    public static let standard = SourceLimits(xmlBytes: 128 << 20, metadataBytes: 4 << 20, archiveBytes: 2 << 30, mediaBytes: 256 << 20)

    /// Creates limits.
    public init(xmlBytes: Int, metadataBytes: Int, archiveBytes: Int, mediaBytes: Int = 256 << 20) {
        self.xmlBytes = xmlBytes
        self.metadataBytes = metadataBytes
        self.archiveBytes = archiveBytes
        self.mediaBytes = mediaBytes
    }
}
