import Foundation
@testable import Imaging
import TestSupport
import Testing

/// Area averaging (thumbnails, and JPEGs resized for storage) against means worked out by hand,
/// and a resized corpus figure against libvips' Lanczos resize of it.
struct AreaResamplerTests {
    private func gray(_ values: [UInt8]) -> [UInt8] { values.flatMap { [$0, $0, $0] } }

    private func resample(_ pixels: [UInt8], _ width: Int, _ height: Int, to newWidth: Int, _ newHeight: Int) -> [UInt8] {
        pixels.withUnsafeBytes { AreaResampler.resample($0, width: width, height: height, newWidth: newWidth, newHeight: newHeight) }
    }

    @Test func wholeBlocksAverage() {
        // 4 x 2 to 2 x 1: each output pixel the mean of a 2 x 2 block.
        let pixels = gray([0, 10, 100, 200,
                           20, 30, 50, 50])
        #expect(resample(pixels, 4, 2, to: 2, 1) == gray([15, 100]))
    }

    @Test func aPixelCutByAnEdgeCountsForThePartInside() {
        // 3 to 2: the middle pixel is half in each output pixel, so (0 + 90 / 2) / 1.5 and (90 / 2 + 180) / 1.5.
        #expect(resample(gray([0, 90, 180]), 3, 1, to: 2, 1) == gray([30, 150]))
        // Each channel alone.
        #expect(resample([255, 0, 0, 0, 255, 0, 0, 0, 255], 3, 1, to: 1, 1) == [85, 85, 85])
    }

    @Test func upscalingRepeatsOrBlendsNeighbours() {
        #expect(resample(gray([40]), 1, 1, to: 3, 2) == gray([40, 40, 40, 40, 40, 40]))
        // 2 to 4: every output pixel lies inside one source pixel.
        #expect(resample(gray([0, 200]), 2, 1, to: 4, 1) == gray([0, 0, 200, 200]))
    }

    @Test func scaledSizes() {
        #expect(JPEGResizer.scaledSize(width: 2400, height: 1800, resize: .keepRatioLargest, size: 1024) == (1024, 768))
        #expect(JPEGResizer.scaledSize(width: 1800, height: 2400, resize: .border, size: 1024) == (768, 1024))
        #expect(JPEGResizer.scaledSize(width: 2400, height: 1800, resize: .centerCrop, size: 1024) == (1365, 1024))
        #expect(JPEGResizer.scaledSize(width: 100, height: 50, resize: .keepRatioLargest, size: 1024) == (1024, 512))
        #expect(JPEGResizer.scaledSize(width: 5000, height: 1, resize: .keepRatioLargest, size: 256) == (256, 1))
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote), arguments: [ImageOptions.Resize.keepRatioLargest, .centerCrop])
    func resizedLikeLibvips(resize: ImageOptions.Resize) throws {
        let folder = try SharedCorpus.url("pmc-cloud").appendingPathComponent("PMC1790863.1")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().first { $0.hasSuffix(".jpg") })
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
        let header = try LibVips.probe(bytes)
        let options = ImageOptions(keepOriginalJPEG: false, resize: resize, size: 300)
        let ours = try #require(try JPEGResizer.resize(bytes, header: header, options: options, maxDecodedPixels: 16_000_000))
        let theirs = try LibVips.resized(bytes, options: options)
        #expect(ours.width == theirs.width && ours.height == theirs.height)
        #expect(resize != .centerCrop || (ours.width, ours.height) == (300, 300))
        let difference = theirs.withPixels { lanczos in
            zip(ours.pixels, lanczos).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        }
        // Filters differ at edges only: on average a few levels of 255, where a row or column out of place would give tens.
        #expect(Double(difference) / Double(ours.pixels.count) < 4, "\(name): mean difference \(Double(difference) / Double(ours.pixels.count))")
    }

    @Test func aDecodeTooLargeIsLeftToLibvips() throws {
        let header = ImageHeader(format: .jpeg, width: 20_000, height: 20_000, bands: 3, colourSpace: .srgb)
        let options = ImageOptions(keepOriginalJPEG: false, resize: .keepRatioLargest, size: 4_000)
        #expect(try JPEGResizer.resize([], header: header, options: options, maxDecodedPixels: 16_000_000) == nil)
    }
}
