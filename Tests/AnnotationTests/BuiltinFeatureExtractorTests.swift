import Annotation
import Imaging
import Testing

@Suite("The built-in feature extractor")
struct BuiltinFeatureExtractorTests {
    let extractor = BuiltinFeatureExtractor()

    /// A `size` x `size` thumbnail whose pixel at (x, y) is `colour(x, y)`.
    func thumbnail(_ width: Int, _ height: Int, _ colour: (Int, Int) -> (UInt8, UInt8, UInt8)) -> RGBThumbnail {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let (r, g, b) = colour(x, y)
                pixels += [r, g, b]
            }
        }
        return RGBThumbnail(width: width, height: height, pixels: pixels)
    }

    @Test("a chart-like image (white, thin black vertical bars) reads as background, edges and vertical gradients")
    func chart() {
        let chart = thumbnail(64, 48) { x, _ in x % 16 < 2 ? (0, 0, 0) : (255, 255, 255) }
        let vector = extractor.features(of: chart)
        #expect(vector.count == extractor.dimensions)
        let white = vector[68], black = vector[69]
        #expect(abs(white - 0.875) < 0.001 && abs(black - 0.125) < 0.001)
        #expect(abs(vector[0..<64].reduce(0, +) - 1) < 1e-4, "the colour histogram holds every pixel")
        let edges = vector[86]
        #expect(edges > 0.6, "a share above 0.2, weighted 3")
        let orientations = Array(vector[87..<119])
        #expect(abs(orientations.reduce(0, +) - 3) < 1e-3, "orientation shares, weighted 3")
        // Gradients across vertical bars point along x: orientation bin 0 in every quarter.
        #expect(stride(from: 0, to: 32, by: 8).allSatisfy { orientations[$0] > 0.6 })
        #expect(abs(vector[183] - Float(0.1038)) < 0.001, "log2(64/48)/4")
    }

    @Test("a colourful smooth image has saturation, no background and few edges; it lies far from the chart")
    func photograph() {
        let photo = thumbnail(64, 64) { x, y in (UInt8(x * 4), UInt8(y * 4), UInt8(128)) }
        let chart = thumbnail(64, 64) { x, _ in x % 16 < 2 ? (0, 0, 0) : (255, 255, 255) }
        let (p, c) = (extractor.features(of: photo), extractor.features(of: chart))
        #expect(p[64] > 0.3 && c[64] == 0, "mean saturation")
        #expect(p[68] == 0 && p[69] == 0)
        #expect(p[86] == 0)
        let distance = zip(p, c).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        let grey = thumbnail(64, 64) { _, _ in (200, 200, 200) }
        let greyToChart = zip(extractor.features(of: grey), c).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        #expect(distance > 1 && greyToChart > 1)
    }
}
