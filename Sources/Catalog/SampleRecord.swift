/// One sample the serialize stage produced, as the catalog keeps it: written to a shard, or left
/// out as a duplicate of an earlier one.
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
    /// The digest of the decoded pixels that identifies exact duplicates.
    public var pixelHash: String
    /// The key of the earlier sample with the same pixels, if any.
    public var duplicateOf: String?
    /// The shard holding it (`commercial/000000.tar`), nil when it was left out.
    public var shard: String?
    /// The sample's JSON, as written into the shard.
    public var metadata: String

    /// Creates a record.
    public init(
        figurePosition: Int, graphicPosition: Int, sequence: Int64, key: String, licenseGroup: String,
        pixelHash: String, duplicateOf: String?, shard: String?, metadata: String
    ) {
        self.figurePosition = figurePosition
        self.graphicPosition = graphicPosition
        self.sequence = sequence
        self.key = key
        self.licenseGroup = licenseGroup
        self.pixelHash = pixelHash
        self.duplicateOf = duplicateOf
        self.shard = shard
        self.metadata = metadata
    }
}
