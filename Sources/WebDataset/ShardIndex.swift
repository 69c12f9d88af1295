import Foundation
import Platform

/// The two index files beside the shards.
///
/// `sizes.json` is what OpenCLIP reads to learn the dataset size without opening shards
/// (`{"000000.tar": <samples>, ...}`); `index.json` lists every shard with its sample count, byte
/// size and MD5 so downloads can be verified. Both are encoded with sorted keys so the same shards
/// give the same bytes.
public enum ShardIndex {
    /// File name of the OpenCLIP sample-count map.
    public static let sizesFileName = "sizes.json"
    /// File name of the full shard list.
    public static let indexFileName = "index.json"

    /// `sizes.json`: shard name -> number of samples, keys sorted.
    public static func sizesJSON(_ shards: [ShardResult]) throws -> Data {
        var sizes: [String: Int] = [:]
        for shard in shards { sizes[shard.name] = shard.samples }
        return try encoder().encode(sizes)
    }

    /// `index.json`: the shards sorted by name, each `{bytes, md5, name, samples}`.
    public static func indexJSON(_ shards: [ShardResult]) throws -> Data {
        try encoder().encode(shards.sorted { $0.name < $1.name })
    }

    /// Writes both files into `directory`, each through a temporary name and a rename.
    public static func write(_ shards: [ShardResult], to directory: URL) throws {
        try writeAtomically(sizesJSON(shards), to: directory.appendingPathComponent(sizesFileName))
        try writeAtomically(indexJSON(shards), to: directory.appendingPathComponent(indexFileName))
    }

    /// Reads `index.json` back.
    public static func read(from directory: URL) throws -> [ShardResult] {
        let url = directory.appendingPathComponent(indexFileName)
        do {
            return try JSONDecoder().decode([ShardResult].self, from: Data(contentsOf: url))
        } catch {
            throw WebDatasetError.io(path: url.path, reason: ErrorText.describe(error))
        }
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    private static func writeAtomically(_ data: Data, to url: URL) throws {
        do {
            var text = data
            text.append(UInt8(ascii: "\n"))
            try AtomicFile.write(text, to: url.path)
        } catch {
            throw WebDatasetError.io(path: url.path, reason: ErrorText.describe(error))
        }
    }
}
