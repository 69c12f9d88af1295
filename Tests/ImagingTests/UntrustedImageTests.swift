import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Images only in the formats the pipeline loads, decoded small where they can be")
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

    @Test("a kept JPEG, decoded only at thumbnail size, hashes as its full decode does")
    func keptHashesAsWhole() throws {
        let jpeg = Array(try Data(contentsOf: sample.appendingPathComponent("PMC99000001.1/1471-2180-99-101-1.jpg")))
        let kept = try ImageProcessor().process(jpeg)
        var options = ImageOptions()
        options.keepOriginalJPEG = false
        let reencoded = try ImageProcessor(options: options).process(jpeg)
        #expect(kept.keptOriginal && !reencoded.keptOriginal)
        #expect(kept.thumbnail.width == ImageProcessor.thumbnailSize || kept.thumbnail.height == ImageProcessor.thumbnailSize)
        #expect((kept.thumbnail.width, kept.thumbnail.height) == (reencoded.thumbnail.width, reencoded.thumbnail.height))
        let distance = PerceptualHash.distance(UInt64(kept.perceptualHash, radix: 16)!, UInt64(reencoded.perceptualHash, radix: 16)!)
        #expect(distance <= 2, "the shrink-on-load decode and the whole one see nearly the same picture: \(distance) bits apart")
    }
}
