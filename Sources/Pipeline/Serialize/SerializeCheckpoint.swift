import Foundation
import PMCModel
import WebDataset

/// Where a serialize run stood at its last commit: the options it ran under, the last article
/// committed, the next sample number and each license group's shard writer. Kept in the catalog
/// as JSON, in the same transaction as the samples it follows.
struct SerializeCheckpoint: Sendable, Equatable, Codable {
    /// `SerializeOptions.fingerprint` of the run that wrote the shards.
    var options: String
    /// The last article whose samples are committed; nil before the first.
    var lastArticle: ArticleVersion?
    /// The sequence number the next sample gets.
    var nextSequence: Int64
    /// The shard writer of each license group that has written anything.
    var writers: [String: ShardWriterPosition]
    /// True once the shards were closed and the indexes and Parquet files written.
    var finished: Bool
    /// True while shards rewritten with new annotations are committed but the Parquet tables not
    /// yet written again; absent otherwise (and in checkpoints from before it existed).
    var tablesOutdated: Bool?

    /// A checkpoint before anything was written.
    init(options: String) {
        self.options = options
        lastArticle = nil
        nextSequence = 0
        writers = [:]
        finished = false
    }

    /// The JSON kept in the catalog.
    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads the catalog's JSON back; nil when it cannot be read (then the run starts afresh).
    static func decode(_ text: String) -> SerializeCheckpoint? {
        try? JSONDecoder().decode(SerializeCheckpoint.self, from: Data(text.utf8))
    }
}
