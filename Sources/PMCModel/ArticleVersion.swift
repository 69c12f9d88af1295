/// One version of one article, as PMC names it: `PMC3166277.1`.
public struct ArticleVersion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The article.
    public var pmcid: PMCID
    /// The version, counting from 1.
    public var version: Int

    /// Creates an identifier from its parts.
    public init(pmcid: PMCID, version: Int) {
        self.pmcid = pmcid
        self.version = version
    }

    /// Parses `PMC3166277.1`; nil when the text has no version or no valid PMCID.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let pmcid = PMCID(String(parts[0])), let version = Int(parts[1]), version > 0 else { return nil }
        self.init(pmcid: pmcid, version: version)
    }

    /// `PMC3166277.1`: the folder name in the PMC Cloud bucket.
    public var description: String { "\(pmcid.rawValue).\(version)" }

    public static func < (lhs: ArticleVersion, rhs: ArticleVersion) -> Bool {
        (lhs.pmcid, lhs.version) < (rhs.pmcid, rhs.version)
    }
}
