/// What fetching one article into the content cache did.
public struct ArticleFetch: Sendable {
    /// Files transferred and verified.
    public var fetched = 0
    /// Files the cache held already.
    public var alreadyCached = 0
    /// Bytes transferred.
    public var bytes = 0
    /// Files that could not be fetched, each error naming its file.
    public var failures: [SourceError] = []

    /// Nothing done yet.
    public init() {}
}
