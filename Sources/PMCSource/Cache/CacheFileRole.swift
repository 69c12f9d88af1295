/// What a cached file is to its article, which decides which loads need it.
public enum CacheFileRole: Sendable, Hashable {
    /// The article's XML (cloud layout): loading the article needs it.
    case xml
    /// The package holding XML and media (legacy layout): every load needs it.
    case package
    /// One media file, by name: loading that file needs it.
    case media(String)
}
