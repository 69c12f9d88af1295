/// One object as a listing (or an S3 inventory) describes it.
public struct StoredObject: Sendable, Hashable {
    /// The key, relative to the store's root.
    public var key: String
    /// The size in bytes, when known.
    public var size: Int?
    /// The entity tag without its quotes, when the store gives one (S3 does, a folder does not).
    public var etag: String?
    /// When the object last changed, as the store writes it (ISO 8601).
    public var lastModified: String?

    /// Creates a description of an object.
    public init(key: String, size: Int? = nil, etag: String? = nil, lastModified: String? = nil) {
        self.key = key
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
    }
}
