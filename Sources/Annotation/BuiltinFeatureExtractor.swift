import Foundation
import Imaging

/// A descriptor computed from a 128-pixel thumbnail, with no model weights, built to tell apart the
/// kinds of figures in papers: charts and diagrams (white background, few colours, long straight
/// edges), micrographs (dark or saturated fields, texture), photographs (many colours, soft
/// gradients) and radiology (grey, smooth). 184 values, each in 0...3:
///
/// - 64: an RGB colour histogram, 4 levels a channel, as shares of the pixels;
/// - 4: mean and spread of saturation and of brightness;
/// - 2: shares of near-white and near-black pixels (background);
/// - 16: a grey-level histogram;
/// - 1: edge density, the share of pixels on a strong edge (x 3);
/// - 32: gradient orientations in 8 directions over a 2 x 2 grid, weighted by strength (x 3);
/// - 64: the image itself as an 8 x 8 grey thumbnail (layout, x 0.25);
/// - 1: the aspect ratio, as log2(width / height) / 4.
///
/// The weights (see `gradientWeight`) are part of the version in `name`.
public struct BuiltinFeatureExtractor: FeatureExtractor {
    public let name = "builtin-v2"
    public let dimensions = 184
    public let thumbnailSize = 128

    /// The weights of the gradient and layout blocks. PCA and k-means see raw distances, so a block
    /// counts by its variance: unweighted, the 64 layout values held about 85% of the variance of
    /// images of six kinds (plots of three sorts, flow diagrams, photographs, micrographs), and
    /// charts with white backgrounds fell into one cluster whatever their lines. Layout a quarter and
    /// gradients three times as strong bring the blocks to comparable shares.
    static let gradientWeight: Float = 3
    static let layoutWeight: Float = 0.25

    /// The extractor.
    public init() {}

    public func features(of thumbnail: RGBThumbnail) -> [Float] {
        let (width, height) = (thumbnail.width, thumbnail.height)
        let count = Float(width * height)
        let pixels = thumbnail.pixels
        var colours = [Float](repeating: 0, count: 64)
        var greys = [Float](repeating: 0, count: 16)
        var grey = [Float](repeating: 0, count: width * height)
        var (saturationSum, saturationSquares, valueSum, valueSquares) = (Float(0), Float(0), Float(0), Float(0))
        var (white, black) = (Float(0), Float(0))
        for index in 0..<(width * height) {
            let (r, g, b) = (pixels[3 * index], pixels[3 * index + 1], pixels[3 * index + 2])
            colours[Int(r >> 6) * 16 + Int(g >> 6) * 4 + Int(b >> 6)] += 1
            let high = Float(max(r, g, b)) / 255
            let low = Float(min(r, g, b)) / 255
            let saturation = high > 0 ? (high - low) / high : 0
            saturationSum += saturation
            saturationSquares += saturation * saturation
            valueSum += high
            valueSquares += high * high
            if r >= 235 && g >= 235 && b >= 235 { white += 1 }
            if r <= 20 && g <= 20 && b <= 20 { black += 1 }
            let luma = (0.299 * Float(r) + 0.587 * Float(g) + 0.114 * Float(b)) / 255
            grey[index] = luma
            greys[min(15, Int(luma * 16))] += 1
        }
        var vector = colours.map { $0 / count }
        let saturationMean = saturationSum / count
        let valueMean = valueSum / count
        vector += [saturationMean, (max(0, saturationSquares / count - saturationMean * saturationMean)).squareRoot(),
                   valueMean, (max(0, valueSquares / count - valueMean * valueMean)).squareRoot()]
        vector += [white / count, black / count]
        vector += greys.map { $0 / count }
        vector += gradients(grey, width: width, height: height).map { $0 * Self.gradientWeight }
        vector += layout(grey, width: width, height: height).map { $0 * Self.layoutWeight }
        vector.append(Float(log2(Double(width) / Double(height)) / 4))
        return vector
    }

    /// Edge density, then 8 orientation bins in each quarter of the image, weighted by gradient
    /// strength and divided by the total strength, so that faint and strong images compare.
    private func gradients(_ grey: [Float], width: Int, height: Int) -> [Float] {
        var bins = [Float](repeating: 0, count: 32)
        var edges: Float = 0
        var total: Float = 0
        guard width > 2, height > 2 else { return [0] + bins }
        for y in 1..<(height - 1) {
            for x in 1..<(width - 1) {
                let dx = grey[y * width + x + 1] - grey[y * width + x - 1]
                let dy = grey[(y + 1) * width + x] - grey[(y - 1) * width + x]
                let strength = (dx * dx + dy * dy).squareRoot()
                guard strength > 0.02 else { continue }
                if strength > 0.25 { edges += 1 }
                // Orientation without sign, 0..<pi, in 8 bins: a line and its reverse are alike.
                var angle = atan2(dy, dx)
                if angle < 0 { angle += .pi }
                if angle >= .pi { angle -= .pi }
                let bin = min(7, Int(angle / .pi * 8))
                let quarter = (y * 2 / height) * 2 + (x * 2 / width)
                bins[quarter * 8 + bin] += strength
                total += strength
            }
        }
        let inner = Float((width - 2) * (height - 2))
        return [edges / inner] + bins.map { total > 0 ? $0 / total : 0 }
    }

    /// The grey image averaged down to 8 x 8 cells.
    private func layout(_ grey: [Float], width: Int, height: Int) -> [Float] {
        var cells = [Float](repeating: 0, count: 64)
        var counts = [Float](repeating: 0, count: 64)
        for y in 0..<height {
            for x in 0..<width {
                let cell = (y * 8 / height) * 8 + (x * 8 / width)
                cells[cell] += grey[y * width + x]
                counts[cell] += 1
            }
        }
        return zip(cells, counts).map { $1 > 0 ? $0 / $1 : 0 }
    }
}
