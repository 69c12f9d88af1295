/// One sample the serialize stage produced, as the catalog keeps it: written to a shard, or left
/// out as a duplicate (or near duplicate) of an earlier one.
public struct SampleRecord: Sendable, Equatable {
    /// The figure's position in its article.
    public var figurePosition: Int
    /// The graphic's position in its figure.
    public var graphicPosition: Int
    /// The build-wide order of the sample: later samples never come before earlier ones.
    public var sequence: Int64
    /// The WebDataset key.
    public var key: String
    /// `commercial`, `noncommercial` or `other`.
    public var licenseGroup: String
    /// SHA-256 of the stored image, lowercase hex: equal for exact duplicates.
    public var imageHash: String
    /// The 64-bit perceptual hash; nil in a catalog from before near duplicates were looked for.
    public var perceptualHash: UInt64?
    /// The key of the earlier sample with the same bytes, if any.
    public var duplicateOf: String?
    /// The key of the earlier sample whose perceptual hash is within the distance asked for, when
    /// this one is not an exact duplicate.
    public var nearDuplicateOf: String?
    /// The shard holding it (`commercial/000000.tar`), nil when it was left out.
    public var shard: String?
    /// The sample's JSON, as written into the shard.
    public var metadata: String

    /// Creates a record.
    public init(
        figurePosition: Int, graphicPosition: Int, sequence: Int64, key: String, licenseGroup: String,
        imageHash: String, perceptualHash: UInt64?, duplicateOf: String?, nearDuplicateOf: String?, shard: String?,
        metadata: String
    ) {
        self.figurePosition = figurePosition
        self.graphicPosition = graphicPosition
        self.sequence = sequence
        self.key = key
        self.licenseGroup = licenseGroup
        self.imageHash = imageHash
        self.perceptualHash = perceptualHash
        self.duplicateOf = duplicateOf
        self.nearDuplicateOf = nearDuplicateOf
        self.shard = shard
        self.metadata = metadata
    }
}
