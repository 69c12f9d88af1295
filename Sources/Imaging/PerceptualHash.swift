import Foundation

/// The 64-bit DCT perceptual hash: near-identical pictures (re-encoded, resized, lightly edited)
/// get hashes a few bits apart.
///
/// A 32x32 grayscale thumbnail goes through a 2-D DCT; the 8x8 lowest frequencies, DC excluded from
/// the threshold, are compared with their median, one bit each.
public enum PerceptualHash {
    /// The thumbnail side the hash is computed from.
    public static let thumbnailSize = 32

    /// The hash of a `thumbnailSize` x `thumbnailSize` grayscale thumbnail, row by row.
    public static func hash(thumbnail: [UInt8]) -> UInt64 {
        let n = thumbnailSize
        precondition(thumbnail.count == n * n, "the thumbnail must be \(n)x\(n)")
        let cosines = (0..<8).map { u in (0..<n).map { x in cos(Double((2 * x + 1) * u) * .pi / Double(2 * n)) } }
        // Rows first, keeping only the 8 lowest frequencies, then columns.
        var rows = [Double](repeating: 0, count: n * 8)
        for y in 0..<n {
            for u in 0..<8 {
                var sum = 0.0
                for x in 0..<n { sum += Double(thumbnail[y * n + x]) * cosines[u][x] }
                rows[y * 8 + u] = sum
            }
        }
        var coefficients = [Double](repeating: 0, count: 64)
        for v in 0..<8 {
            for u in 0..<8 {
                var sum = 0.0
                for y in 0..<n { sum += rows[y * 8 + u] * cosines[v][y] }
                coefficients[v * 8 + u] = sum
            }
        }
        let median = coefficients.dropFirst().sorted()[31]
        var hash: UInt64 = 0
        for (index, value) in coefficients.enumerated() where value > median {
            hash |= 1 << UInt64(63 - index)
        }
        return hash
    }

    /// How many bits two hashes differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
