/// What one finished shard holds, as recorded in `index.json`.
public struct ShardResult: Sendable, Equatable, Codable {
    /// The shard's file name inside the output folder, e.g. `000000.tar`.
    public var name: String
    /// Samples in the shard.
    public var samples: Int
    /// The file's size in bytes.
    public var bytes: Int
    /// MD5 of the file, lowercase hex, computed while writing.
    public var md5: String

    /// Creates a result.
    public init(name: String, samples: Int, bytes: Int, md5: String) {
        self.name = name
        self.samples = samples
        self.bytes = bytes
        self.md5 = md5
    }
}
