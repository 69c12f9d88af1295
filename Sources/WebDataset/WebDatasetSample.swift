import Foundation

/// One WebDataset sample: a key and its members, written as `KEY.EXT` files in this order.
public struct WebDatasetSample: Sendable, Equatable {
    /// One member file of a sample: `KEY.ext` holding `data`.
    public struct Member: Sendable, Equatable {
        /// The extension after the key's dot, e.g. `jpg`, `txt`, `json` (may itself hold dots, e.g. `seg.png`).
        public var ext: String
        /// The file's bytes.
        public var data: Data

        /// Creates a member.
        public init(_ ext: String, _ data: Data) {
            self.ext = ext
            self.data = data
        }
    }

    /// The sample key: no `.` and no `/`, since webdataset ends the key at the first dot.
    public var key: String
    /// The members in archive order.
    public var members: [Member]

    /// Creates a sample.
    public init(key: String, members: [Member]) {
        self.key = key
        self.members = members
    }

    /// The member with extension `ext`, if any.
    public func member(_ ext: String) -> Data? {
        members.first { $0.ext == ext }?.data
    }

    /// The image member: the first of `jpg`, `png` and `webp` present.
    public var image: Data? {
        ["jpg", "png", "webp"].lazy.compactMap { member($0) }.first
    }
}
