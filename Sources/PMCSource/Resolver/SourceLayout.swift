/// The two ways PMC has laid out its Open Access articles.
public enum SourceLayout: String, Sendable, Hashable, CaseIterable {
    /// The PMC Cloud Service layout: one folder per article version, metadata JSON beside the XML.
    case cloud
    /// The retired FTP layout: `oa_file_list.csv` and one `.tar.gz` package per article.
    case legacy
}
