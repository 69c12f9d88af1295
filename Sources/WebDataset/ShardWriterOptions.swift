/// When a `ShardWriter` starts a new shard, and what goes in every header.
public struct ShardWriterOptions: Sendable, Equatable {
    /// At most this many samples per shard.
    public var maxSamples: Int
    /// At most this many bytes per shard file (end blocks included), unless a single sample is
    /// larger, in which case it gets a shard of its own.
    public var maxBytes: Int
    /// The number of the first shard (`000000.tar` by default); lets a run continue a numbering.
    public var firstShardNumber: Int
    /// The mtime stored in every tar header; fixed so shards are byte-identical across runs.
    public var modificationTime: Int

    /// Creates options; the defaults follow common WebDataset practice (10k samples, 1 GiB).
    public init(maxSamples: Int = 10_000, maxBytes: Int = 1 << 30, firstShardNumber: Int = 0, modificationTime: Int = 0) {
        self.maxSamples = maxSamples
        self.maxBytes = maxBytes
        self.firstShardNumber = firstShardNumber
        self.modificationTime = modificationTime
    }
}
