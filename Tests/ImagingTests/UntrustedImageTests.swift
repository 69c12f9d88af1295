import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Images only in the formats the pipeline loads, decoded in strips where they can be")
struct UntrustedImageTests {
    let sample = SharedCorpus.repositoryRoot.appendingPathComponent("Examples/sample-corpus")

    @Test("SVG, PDF, PPM and empty files are refused by their first bytes, whatever their name", arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "it starts with \"<svg xml\""),
        ("%PDF-1.4 1 0 obj", "it starts with \"%PDF-1.4\""),
        ("P6\n3 3\n255\n", "it starts with bytes 50 36 0a 33 20 33 0a 32"),
        ("", "the file is empty"),
    ])
    func othersAreRefused(text: String, reason: String) throws {
        #expect(throws: ImageError.unsupportedFormat(reason: reason)) { try ImageProcessor().header(of: Array(text.utf8)) }
        #expect(throws: ImageError.unsupportedFormat(reason: reason)) { try ImageProcessor().process(Array(text.utf8)) }
        #expect(throws: ImageError.unsupportedFormat(reason: reason)) { try RGBThumbnail(decoding: Array(text.utf8), size: 32, maxPixels: 1000) }
    }

    @Test("a kept JPEG decoded in strips has the hashes of one decoded whole")
    func stripsHashAsWhole() throws {
        let jpeg = Array(try Data(contentsOf: sample.appendingPathComponent("PMC99000001.1/1471-2180-99-101-1.jpg")))
        let kept = try ImageProcessor().process(jpeg)
        var options = ImageOptions()
        options.keepOriginalJPEG = false
        let reencoded = try ImageProcessor(options: options).process(jpeg)
        #expect(kept.keptOriginal && !reencoded.keptOriginal)
        #expect(kept.pixelDigest == reencoded.pixelDigest && kept.perceptualHash == reencoded.perceptualHash,
                "the strip decode of the kept image and the whole decode of the re-encoded one see the same pixels")
    }

    @Test("the thumbnail built row by row is the one of the whole image")
    func thumbnailRowByRow() {
        let (width, height) = (97, 61)
        let pixels = (0..<width * height * 3).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let whole = pixels.withUnsafeBytes { PerceptualHash.thumbnail(rgb: $0, width: width, height: height) }
        var builder = PerceptualHash.ThumbnailBuilder(width: width, height: height)
        pixels.withUnsafeBytes { buffer in
            for y in 0..<height {
                builder.add(row: y, UnsafeRawBufferPointer(rebasing: buffer[y * width * 3..<(y + 1) * width * 3]))
            }
        }
        #expect(builder.thumbnail() == whole)
    }
}
