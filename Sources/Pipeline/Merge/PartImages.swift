import Catalog
import Foundation
import PMCModel
import WebDataset

/// The image bytes of a part's written samples, read from its shards one sample at a time.
///
/// A group's samples lie in its shards in the order of their sequence numbers, so asking for
/// them in that order reads every shard once, front to back.
final class PartImages {
    private let part: MergePart
    private var open: [LicenseGroup: (shard: String, reader: ShardReader)] = [:]

    /// Reads the shards of `part`.
    init(part: MergePart) {
        self.part = part
    }

    /// The stored image of `sample`, which must be the next written sample of its group.
    /// - Throws: `MergeError.corruptPart` when the shard does not hold it there.
    func image(of sample: SampleRecord) throws -> Data {
        guard let shard = sample.shard, let slash = shard.firstIndex(of: "/"),
              let group = LicenseGroup(rawValue: String(shard[..<slash]))
        else { throw corrupt("\(sample.key) names no shard of a license group") }
        if open[group]?.shard != shard {
            let url = part.layout.shards(group).appendingPathComponent(String(shard[shard.index(after: slash)...]))
            open[group] = (shard, try ShardReader(url: url))
        }
        // The image is the first member, before the caption and the JSON.
        guard let member = try open[group]?.reader.next(), member.key == sample.key, let image = member.members.first?.data else {
            throw corrupt("\(shard) does not hold \(sample.key) where its catalog puts it")
        }
        return image
    }

    private func corrupt(_ reason: String) -> MergeError {
        MergeError.corruptPart(part.root.path, reason: reason)
    }
}
