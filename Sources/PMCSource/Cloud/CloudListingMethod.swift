/// How a `CloudSource` finds the article versions in its store.
public enum CloudListingMethod: String, Sendable, Hashable, CaseIterable {
    /// The newest S3 inventory report when the store has one, else `ListObjectsV2` over `metadata/`.
    case automatic
    /// The newest S3 inventory report only: one download instead of thousands of listing requests.
    case inventory
    /// `ListObjectsV2` over `metadata/`, page by page.
    case objectListing
}
