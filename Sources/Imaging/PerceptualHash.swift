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

    /// The `thumbnailSize` x `thumbnailSize` grayscale thumbnail of 8-bit RGB pixels (row by row,
    /// three bytes each): the mean luminance of each cell of a grid laid over the image, taken from
    /// at most `samplesPerSide` x `samplesPerSide` evenly spread pixels of the cell. Cells of an
    /// image narrower than the grid take the nearest column or row.
    ///
    /// Why sampled: the hash keeps only the lowest frequencies, which a few dozen pixels per cell
    /// already fix, and the cost stays the same whatever the image's size.
    public static func thumbnail(rgb pixels: UnsafeRawBufferPointer, width: Int, height: Int) -> [UInt8] {
        precondition(width > 0 && height > 0 && pixels.count >= width * height * 3, "the pixels must hold width * height RGB triples")
        let n = thumbnailSize
        let columns = cellSamples(n, over: width)
        let rows = cellSamples(n, over: height)
        var cells = [UInt8](repeating: 0, count: n * n)
        for (row, ys) in rows.enumerated() {
            for (column, xs) in columns.enumerated() {
                var sum = 0
                for y in ys {
                    for x in xs {
                        let offset = (y * width + x) * 3
                        // ITU-R BT.601 luma in 8-bit fixed point.
                        sum += 77 * Int(pixels[offset]) + 150 * Int(pixels[offset + 1]) + 29 * Int(pixels[offset + 2])
                    }
                }
                cells[row * n + column] = UInt8(sum / (256 * xs.count * ys.count))
            }
        }
        return cells
    }

    /// Pixels sampled per cell side by `thumbnail(rgb:width:height:)`.
    public static let samplesPerSide = 8

    /// For each of `cells` consecutive cells covering `0..<length`, the positions sampled in it:
    /// at least one, at most `samplesPerSide`, evenly spread.
    fileprivate static func cellSamples(_ cells: Int, over length: Int) -> [[Int]] {
        (0..<cells).map { cell in
            let start = min(cell * length / cells, length - 1)
            let end = max(start + 1, (cell + 1) * length / cells)
            let step = max(1, (end - start) / samplesPerSide)
            return Array(stride(from: start, to: min(end, start + step * samplesPerSide), by: step))
        }
    }

    /// The most bits apart two images' hashes are for the second to count as a near duplicate of
    /// the first, unless a build says otherwise. Measured on the labelled set of `NearDuplicateTests`
    /// (README, "Duplicates"): at 6 bits 97% of re-encoded, recompressed, resized and cropped copies
    /// match and no distinct image of the same kind does; the nearest distinct pair is 12 bits
    /// apart. (Hashes thresholded at their median mostly differ in an even number of bits.)
    public static let nearDuplicateDistance = 6

    /// How many bits two hashes differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
