/// How the catalog finds perceptual hashes within a few bits of one without comparing it with
/// every other: each 64-bit hash is indexed by its four 16-bit quarters ("bands"). Two hashes at
/// most `d` bits apart differ in at most `d / 4` bits in one of their quarters (pigeonhole), so
/// the near ones are among those sharing a quarter within that radius.
public enum PerceptualHashBands {
    /// The quarters of a hash, most significant first.
    public static func values(of hash: UInt64) -> [Int] {
        (0..<4).map { band in Int((hash >> UInt64(48 - 16 * band)) & 0xFFFF) }
    }

    /// For each quarter, the values to look up so that every hash within `distance` bits of
    /// `hash` is found: the quarter's value and those `distance / 4` bits or fewer from it.
    public static func candidates(of hash: UInt64, within distance: Int) -> [[Int]] {
        let radius = max(0, distance) / 4
        return values(of: hash).map { value in
            var found = [value]
            var level = [(value: value, lowestFlip: 16)]
            for _ in 0..<min(radius, 16) {
                var next: [(value: Int, lowestFlip: Int)] = []
                // Flipping bits in decreasing position order makes each set of flips once.
                for entry in level {
                    for bit in 0..<entry.lowestFlip { next.append((entry.value ^ (1 << bit), bit)) }
                }
                found += next.map(\.value)
                level = next
            }
            return found
        }
    }
}

/// A sample found near a perceptual hash.
public struct NearSample: Sendable, Equatable {
    /// Its key.
    public var key: String
    /// Its place in the build's order.
    public var sequence: Int64
    /// How many bits its hash differs in.
    public var distance: Int

    /// Creates a found sample.
    public init(key: String, sequence: Int64, distance: Int) {
        self.key = key
        self.sequence = sequence
        self.distance = distance
    }

    /// True when this one is the better match: nearer, or as near and earlier.
    public func isNearer(than other: NearSample) -> Bool {
        (distance, sequence) < (other.distance, other.sequence)
    }
}
