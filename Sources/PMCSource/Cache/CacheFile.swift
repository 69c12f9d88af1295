import Crypto
import PMCModel

/// One file of an article as the content cache keeps it: where the source has it, what it must
/// hash to, and the name the cache stores it under.
public struct CacheFile: Sendable, Hashable {
    /// The file's key in its source: an object key (cloud layout) or a package path (legacy layout).
    public var key: String
    /// The MD5 (lowercase hex) the source publishes for the file, when it does.
    public var md5: String?
    /// The name the cache stores the file under: its MD5 when published, else a SHA-256 of the
    /// source, the key and the article's fingerprint, so that a changed article is fetched again.
    public var identity: String
    /// What the file is to the article, which decides which loads need it.
    public var role: CacheFileRole
    /// The most bytes accepted.
    public var limit: Int

    /// A file of the article whose fingerprint is `fingerprint`, in the source described as `source`.
    public init(key: String, md5: String?, role: CacheFileRole, limit: Int, source: String, fingerprint: String) {
        self.key = key
        self.md5 = md5
        self.role = role
        self.limit = limit
        // Separators that cannot occur in the parts keep ("a", "bc") and ("ab", "c") apart.
        identity = md5 ?? SHA256.hash(data: Array("\(source)\n\(key)\n\(fingerprint)".utf8)).lowercaseHex
    }

    /// True when `text` has the shape of an MD5 in lowercase hex, as PMC publishes them.
    static func isMD5(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// What a cached file is to its article, which decides which loads need it.
public enum CacheFileRole: Sendable, Hashable {
    /// The article's XML (cloud layout): loading the article needs it.
    case xml
    /// The package holding XML and media (legacy layout): every load needs it.
    case package
    /// One media file, by name: loading that file needs it.
    case media(String)
}
