/// One page of an object store listing.
public struct ObjectListingPage: Sendable, Hashable {
    /// The objects on this page, in key order.
    public var objects: [StoredObject]
    /// The rolled-up prefixes (ending in the delimiter) on this page, in key order.
    public var commonPrefixes: [String]
    /// Where the next page starts, or nil when this is the last page.
    public var nextContinuationToken: String?

    /// Creates a page.
    public init(objects: [StoredObject], commonPrefixes: [String], nextContinuationToken: String?) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.nextContinuationToken = nextContinuationToken
    }
}
