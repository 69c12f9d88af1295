import Foundation

/// Iterates the samples of one shard the way webdataset does: consecutive members sharing a key
/// (the name up to the first dot of its base name) form one sample.
///
/// Members whose base name has no dot (or starts with one) are skipped, as webdataset skips them; a repeated extension
/// within one sample is an error, as in webdataset.
public final class ShardReader {
    private let tar: TarReader
    private var pending: TarReader.Entry?
    private var pendingSplit: (key: String, ext: String)?

    /// Opens the shard at `url`.
    public init(url: URL) throws {
        self.tar = try TarReader(url: url)
    }

    /// Reads every sample of the shard at `url`.
    public static func readAll(url: URL) throws -> [WebDatasetSample] {
        let reader = try ShardReader(url: url)
        var samples: [WebDatasetSample] = []
        while let sample = try reader.next() { samples.append(sample) }
        return samples
    }

    /// Splits a member name into key and extension: `dir/a.b.c` -> (`dir/a`, `b.c`); nil without a dot.
    public static func split(_ name: String) -> (key: String, ext: String)? {
        let baseStart = name.lastIndex(of: "/").map { name.index(after: $0) } ?? name.startIndex
        // Like webdataset's `[^.]+[.]`: the base name needs at least one character before its first dot.
        guard let dot = name[baseStart...].firstIndex(of: "."), dot > baseStart else { return nil }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// The next sample, or nil at the end of the shard.
    public func next() throws -> WebDatasetSample? {
        var sample: WebDatasetSample?
        while true {
            let entry: TarReader.Entry
            let parts: (key: String, ext: String)
            if let held = pending, let heldParts = pendingSplit {
                entry = held
                parts = heldParts
                pending = nil
                pendingSplit = nil
            } else {
                guard let read = try tar.next() else { return sample }
                guard let split = ShardReader.split(read.name) else { continue }
                entry = read
                parts = split
            }
            if var current = sample {
                guard current.key == parts.key else {
                    // The first member of the next sample: keep it for the next call.
                    pending = entry
                    pendingSplit = parts
                    return current
                }
                if current.members.contains(where: { $0.ext == parts.ext }) {
                    throw WebDatasetError.duplicateMember(key: parts.key, ext: parts.ext)
                }
                current.members.append(.init(parts.ext, entry.data))
                sample = current
            } else {
                sample = WebDatasetSample(key: parts.key, members: [.init(parts.ext, entry.data)])
            }
        }
    }
}
