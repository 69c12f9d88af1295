import Foundation

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
    /// Each finished shard file's stamp, by name; nil in positions saved before stamps were kept.
    public var stamps: [String: ShardStamp]?

    /// Creates a position.
    public init(
        completed: [ShardResult] = [], openNumber: Int = 0, openBytes: Int = 0, openSamples: Int = 0,
        stamps: [String: ShardStamp]? = nil
    ) {
        self.completed = completed
        self.openNumber = openNumber
        self.openBytes = openBytes
        self.openSamples = openSamples
        self.stamps = stamps
    }
}

extension ShardWriterPosition {
    /// The first shard this position counts on that is absent from `directory`, of another size, or
    /// changed since its stamp (another modification time and another MD5), nil when all are as
    /// written: the finished shards and, when `closed` (the writer was closed after the position
    /// was taken), the open one under its final name with its end blocks.
    public func missingShard(in directory: URL, closed: Bool) -> String? {
        var expected = completed.map { (name: $0.name, bytes: $0.bytes) }
        if closed && openBytes > 0 {
            expected.append((ShardWriter.shardName(openNumber), openBytes + TarWriter.endOfArchiveSize))
        }
        for shard in expected {
            let url = directory.appendingPathComponent(shard.name)
            guard let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size == shard.bytes,
                  stamps?[shard.name]?.matches(fileAt: url) ?? true
            else {
                return shard.name
            }
        }
        return nil
    }
}
