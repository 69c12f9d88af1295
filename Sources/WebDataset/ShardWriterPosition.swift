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
    /// The first shard this position counts on that is not as it was written, nil when all are:
    /// the finished shards and, when `closed` (the writer was closed after the position was
    /// taken), the open one under its final name with its end blocks. A shard is as written when
    /// it is there at its size and, where its stamp is known, at its modification time, or failing
    /// that (a copy that did not keep times) with its MD5: the stamp then takes the new time, so
    /// that the next run needs only a `stat` again.
    public mutating func firstChangedShard(in directory: URL, closed: Bool) -> String? {
        var expected = completed.map { (name: $0.name, bytes: $0.bytes) }
        if closed && openBytes > 0 {
            expected.append((ShardWriter.shardName(openNumber), openBytes + TarWriter.endOfArchiveSize))
        }
        for shard in expected {
            let url = directory.appendingPathComponent(shard.name)
            guard let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size == shard.bytes else {
                return shard.name
            }
            guard let stamp = stamps?[shard.name] else { continue }
            guard let current = stamp.checked(fileAt: url) else { return shard.name }
            stamps?[shard.name] = current
        }
        return nil
    }
}
