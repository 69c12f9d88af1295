/// Where a `ShardWriter` stands: the shards it finished and how far the open one has got. Saved
/// after a sync, it lets a later run continue the same numbering and the same bytes.
public struct ShardWriterPosition: Sendable, Equatable, Codable {
    /// The shards finished so far, in order.
    public var completed: [ShardResult]
    /// The number of the shard being written, or of the next one when none is open.
    public var openNumber: Int
    /// Bytes of the open shard written so far; 0 when none is open.
    public var openBytes: Int
    /// Samples in the open shard.
    public var openSamples: Int

    /// Creates a position.
    public init(completed: [ShardResult] = [], openNumber: Int = 0, openBytes: Int = 0, openSamples: Int = 0) {
        self.completed = completed
        self.openNumber = openNumber
        self.openBytes = openBytes
        self.openSamples = openSamples
    }
}
