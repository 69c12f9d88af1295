import Foundation
import Imaging
import TestSupport
import Testing

@Suite("Images through libvips")
struct ImageProcessorTests {
    let sample = SharedCorpus.repositoryRoot.appendingPathComponent("Examples/sample-corpus")

    func bytes(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }

    func badFirstFigure(_ pmcid: String) throws -> [UInt8] {
        try bytes(SharedCorpus.url("bad/pmc-cloud/\(pmcid).1/1471-2180-11-174-1.jpg"))
    }

    var sampleJPEG: [UInt8] {
        get throws { try bytes(sample.appendingPathComponent("PMC99000001.1/1471-2180-99-101-1.jpg")) }
    }

    @Test func keepsAnRGBJPEGAsItIs() throws {
        let original = try sampleJPEG
        let header = try ImageProcessor().header(of: original)
        #expect(header.format == .jpeg)
        #expect(header.colourSpace == .srgb)
        #expect(header.bands == 3)
        let processed = try ImageProcessor().process(original)
        #expect(processed.keptOriginal == true)
        let unchanged = processed.bytes == original
        #expect(unchanged, "the stored bytes are the source bytes")
        #expect(processed.fileExtension == "jpg")
        #expect((processed.width, processed.height) == (header.width, header.height))
        #expect(processed.sha256.count == 64 && processed.perceptualHash.count == 16)
    }

    @Test("re-encodes to each format and resizes as img2dataset does", arguments: [
        (ImageOptions.Resize.none, 0, 0), (.keepRatioLargest, 128, 0), (.centerCrop, 96, 96), (.border, 100, 100),
    ])
    func reencodes(resize: ImageOptions.Resize, size: Int, square: Int) throws {
        let original = try sampleJPEG
        let header = try ImageProcessor().header(of: original)
        for format in ImageOptions.OutputFormat.allCases {
            let options = ImageOptions(keepOriginalJPEG: false, format: format, quality: 90, resize: resize, size: size)
            let processed = try ImageProcessor(options: options).process(original)
            #expect(processed.keptOriginal == false)
            #expect(processed.fileExtension == format.fileExtension)
            let reread = try ImageProcessor().header(of: processed.bytes)
            #expect(reread.format.rawValue == format.rawValue)
            #expect(reread.colourSpace == .srgb && reread.bands == 3)
            switch resize {
            case .none:
                #expect((reread.width, reread.height) == (header.width, header.height))
            case .keepRatioLargest:
                #expect(max(reread.width, reread.height) == size)
            case .centerCrop, .border:
                #expect((reread.width, reread.height) == (square, square))
            }
            #expect((processed.width, processed.height) == (reread.width, reread.height))
        }
    }

    @Test func reencodingIsDeterministic() throws {
        let options = ImageOptions(keepOriginalJPEG: false, resize: .centerCrop, size: 64)
        let first = try ImageProcessor(options: options).process(try sampleJPEG)
        let second = try ImageProcessor(options: options).process(try sampleJPEG)
        #expect(first.sha256 == second.sha256)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func convertsCMYKToSRGB() throws {
        let cmyk = try badFirstFigure("PMC9000110")
        #expect(try ImageProcessor().header(of: cmyk).colourSpace == .cmyk)
        let processed = try ImageProcessor().process(cmyk)
        #expect(processed.keptOriginal == false, "a CMYK JPEG is never stored as it is")
        let reread = try ImageProcessor().header(of: processed.bytes)
        #expect(reread.colourSpace == .srgb && reread.bands == 3 && reread.format == .jpeg)
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func refusesAPixelBombBeforeDecoding() throws {
        let bomb = try badFirstFigure("PMC9000109")
        let header = try ImageProcessor().header(of: bomb)
        #expect((header.width, header.height, header.format) == (30000, 30000, .png))
        let started = ContinuousClock.now
        #expect(throws: ImageError.tooManyPixels(width: 30000, height: 30000, limit: 178_956_970)) {
            try ImageProcessor().process(bomb)
        }
        #expect(ContinuousClock.now - started < .seconds(2), "refused from the header, not after decoding 900 MP")
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func reportsCorruptAndTruncatedJPEGs() throws {
        for pmcid in ["PMC9000106", "PMC9000107"] {
            let broken = try badFirstFigure(pmcid)
            do throws(ImageError) {
                _ = try ImageProcessor().process(broken)
                Issue.record("\(pmcid): a broken JPEG went through")
            } catch {
                #expect(["undecodable-image", "not-an-image"].contains(error.kind), "\(pmcid): \(error)")
                #expect(!error.description.isEmpty)
            }
        }
        #expect(throws: ImageError.self) { try ImageProcessor().process(Array("<html>404</html>".utf8)) }
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func readsATinyImageHeader() throws {
        let header = try ImageProcessor().header(of: try badFirstFigure("PMC9000108"))
        #expect((header.width, header.height) == (12, 12))
    }

    @Test(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func exactDuplicatesShareTheImageHash() throws {
        let a = try ImageProcessor().process(try badFirstFigure("PMC9000114"))
        let b = try ImageProcessor().process(try badFirstFigure("PMC9000115"))
        let other = try ImageProcessor().process(try badFirstFigure("PMC9000101"))
        #expect(a.sha256 == b.sha256 && a.perceptualHash == b.perceptualHash)
        #expect(a.sha256 != other.sha256)
    }

    @Test func perceptualHashSurvivesReencodingButSeparatesPictures() throws {
        let original = try ImageProcessor().process(try sampleJPEG)
        let smaller = try ImageProcessor(options: ImageOptions(keepOriginalJPEG: false, quality: 60, resize: .keepRatioLargest, size: 200))
            .process(try sampleJPEG)
        let unrelated = try ImageProcessor().process(try bytes(sample.appendingPathComponent("PMC99000004.1/gr1.jpg")))
        let near = PerceptualHash.distance(UInt64(original.perceptualHash, radix: 16)!, UInt64(smaller.perceptualHash, radix: 16)!)
        let far = PerceptualHash.distance(UInt64(original.perceptualHash, radix: 16)!, UInt64(unrelated.perceptualHash, radix: 16)!)
        #expect(near <= 6, "re-encoded and resized: \(near) bits apart")
        #expect(far >= 16, "different pictures: \(far) bits apart")
    }
}
