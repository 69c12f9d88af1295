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
    /// already fix, and the cost stays the same for a 1-megapixel figure and a 100-megapixel one.
    public static func thumbnail(rgb pixels: UnsafeRawBufferPointer, width: Int, height: Int) -> [UInt8] {
        precondition(width > 0 && height > 0 && pixels.count >= width * height * 3, "the pixels must hold width * height RGB triples")
        var builder = ThumbnailBuilder(width: width, height: height)
        for y in 0..<height where builder.samples(row: y) {
            builder.add(row: y, UnsafeRawBufferPointer(rebasing: pixels[y * width * 3..<(y + 1) * width * 3]))
        }
        return builder.thumbnail()
    }

    /// The thumbnail of `thumbnail(rgb:width:height:)` built a row at a time, for an image decoded
    /// in strips and never held whole.
    public struct ThumbnailBuilder {
        private let columns: [[Int]]
        /// The grid row each sampled image row falls in, by image row.
        private let gridRow: [Int: Int]
        private let samplesPerCell: [UInt64]
        private var sums: [UInt64]

        /// A builder for an image of `width` x `height` pixels.
        public init(width: Int, height: Int) {
            let n = thumbnailSize
            let columns = cellSamples(n, over: width)
            let rows = cellSamples(n, over: height)
            self.columns = columns
            var gridRow: [Int: Int] = [:]
            for (row, ys) in rows.enumerated() {
                for y in ys { gridRow[y] = row }
            }
            self.gridRow = gridRow
            samplesPerCell = rows.flatMap { ys in columns.map { xs in UInt64(256 * xs.count * ys.count) } }
            sums = [UInt64](repeating: 0, count: n * n)
        }

        /// True when row `y` is sampled: the others need not be handed over.
        public func samples(row y: Int) -> Bool {
            gridRow[y] != nil
        }

        /// Takes row `y` of the image (`width` RGB triples); rows that are not sampled are passed over.
        public mutating func add(row y: Int, _ pixels: UnsafeRawBufferPointer) {
            guard let row = gridRow[y] else { return }
            let n = thumbnailSize
            for (column, xs) in columns.enumerated() {
                var sum: UInt64 = 0
                for x in xs {
                    let offset = x * 3
                    // ITU-R BT.601 luma in 8-bit fixed point.
                    let red = 77 &* UInt64(pixels[offset])
                    let green = 150 &* UInt64(pixels[offset + 1])
                    let blue = 29 &* UInt64(pixels[offset + 2])
                    sum &+= red &+ green &+ blue
                }
                sums[row * n + column] &+= sum
            }
        }

        /// The thumbnail of the rows taken.
        public func thumbnail() -> [UInt8] {
            zip(sums, samplesPerCell).map { UInt8($0 / $1) }
        }
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

    /// How many bits two hashes differ in.
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
