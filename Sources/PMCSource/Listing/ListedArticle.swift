import PMCModel

/// One article version a filtered listing holds.
public enum ListedArticle: Sendable, Hashable {
    /// A version the filter admits, described in full (its metadata read).
    case article(ArticleRef)
    /// A version inside the filter's shard and PMCIDs that last changed before its
    /// `modifiedSince`: listed, so that a run still knows the source has it, but not read.
    case unmodified(ArticleVersion)

    /// The version either way.
    public var id: ArticleVersion {
        switch self {
        case .article(let ref): ref.id
        case .unmodified(let id): id
        }
    }
}
