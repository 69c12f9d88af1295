/// Scales RGB pixels by exact area averaging, as OpenCV's INTER_AREA does when shrinking: each
/// output pixel is the mean of the part of the image it covers, a source pixel cut by an output
/// edge counting for the fraction inside.
///
/// Why fractions: giving each source pixel wholly to one output pixel makes outputs average 2 or
/// 3 pixels in turn, so a copy cropped by a few pixels averages other groups and its perceptual
/// hash moves; the labelled set of `NearDuplicateTests` lost a tenth of its cropped copies so.
enum AreaResampler {
    /// Along one axis: for each output position, the first source position it covers and the
    /// shares of it and the following ones, which sum to 1.
    struct Weights {
        var first: [Int] = []
        var offsets: [Int] = [0]
        var shares: [Float] = []

        init(from source: Int, to target: Int) {
            let scale = Double(source) / Double(target)
            for position in 0..<target {
                let low = Double(position) * scale
                let high = min(Double(position + 1) * scale, Double(source))
                var index = min(Int(low), source - 1)
                first.append(index)
                var covered: [Double] = []
                while index < source && Double(index) < high {
                    covered.append(min(high, Double(index + 1)) - max(low, Double(index)))
                    index += 1
                }
                let total = covered.reduce(0, +)
                shares += covered.map { Float($0 / total) }
                offsets.append(shares.count)
            }
        }
    }

    /// `pixels` (`width` x `height`, three bytes a pixel) scaled to `newWidth` x `newHeight`.
    static func resample(_ pixels: UnsafeRawBufferPointer, width: Int, height: Int, newWidth: Int, newHeight: Int) -> [UInt8] {
        let columns = Weights(from: width, to: newWidth)
        let rows = Weights(from: height, to: newHeight)
        let rowLength = newWidth * 3
        // Rows first: every source row scaled to the new width, kept in floats for the second pass.
        var narrowed = [Float](repeating: 0, count: height * rowLength)
        var result = [UInt8](repeating: 0, count: newHeight * rowLength)
        columns.first.withUnsafeBufferPointer { first in
        columns.offsets.withUnsafeBufferPointer { offsets in
        columns.shares.withUnsafeBufferPointer { shares in
        narrowed.withUnsafeMutableBufferPointer { output in
            let source = pixels.bindMemory(to: UInt8.self)
            for y in 0..<height {
                let row = y * width * 3
                var out = y * rowLength
                for x in 0..<newWidth {
                    var r: Float = 0, g: Float = 0, b: Float = 0
                    var at = row + first[x] * 3
                    for k in offsets[x]..<offsets[x + 1] {
                        let share = shares[k]
                        r += share * Float(source[at])
                        g += share * Float(source[at + 1])
                        b += share * Float(source[at + 2])
                        at += 3
                    }
                    output[out] = r
                    output[out + 1] = g
                    output[out + 2] = b
                    out += 3
                }
            }
        }
        }
        }
        }
        rows.first.withUnsafeBufferPointer { first in
        rows.offsets.withUnsafeBufferPointer { offsets in
        rows.shares.withUnsafeBufferPointer { shares in
        narrowed.withUnsafeBufferPointer { source in
        result.withUnsafeMutableBufferPointer { output in
            let sums = UnsafeMutableBufferPointer<Float>.allocate(capacity: rowLength)
            defer { sums.deallocate() }
            for y in 0..<newHeight {
                sums.initialize(repeating: 0)
                var at = first[y] * rowLength
                for k in offsets[y]..<offsets[y + 1] {
                    let share = shares[k]
                    for i in 0..<rowLength { sums[i] += share * source[at + i] }
                    at += rowLength
                }
                // Shares sum to 1, so a sum stays within 0...255 but for rounding: +0.5 and truncation round it.
                let out = y * rowLength
                for i in 0..<rowLength { output[out + i] = UInt8(min(255, sums[i] + 0.5)) }
            }
        }
        }
        }
        }
        }
        return result
    }
}
