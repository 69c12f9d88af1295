import Foundation
@testable import Imaging
import TestSupport
import Testing

/// The labelled set behind the default `--near-duplicate-distance`: every figure of the corpus
/// against its own re-encodings, resizings, crops and recompressions (each must match), and
/// distinct images of one kind (none may match): the corpus's plots against the others of their
/// style (bar against bar, scatter against scatter), and the four quarters of each of its pictures
/// against each other, distinct fields of one micrograph, one stain. Hashes are taken as serialize
/// takes them.
///
/// The corpus's pictures of one kind are not distinct images: its generator cut them all from one
/// sample photograph (the nine `picture:cell` figures are crops of one cell picture), which the
/// hash rightly finds 0 to 4 bits apart. They are left out of the distinct pairs.
@Suite("Near duplicates: the perceptual hash on a labelled set")
struct NearDuplicateTests {
    /// A corpus figure and its kind (`plot:bar`, `picture:cell`, ...), from `articles.json`.
    struct Figure {
        var name: String
        var kind: String
        var bytes: [UInt8]
    }

    /// The ways a figure is copied that must still count as the same figure.
    static let variants: [(name: String, make: @Sendable ([UInt8]) throws -> [UInt8])] = [
        ("re-encoded, JPEG q95", { try encode($0, ImageOptions(keepOriginalJPEG: false, quality: 95)) }),
        ("recompressed, JPEG q50", { try encode($0, ImageOptions(keepOriginalJPEG: false, quality: 50)) }),
        ("converted to PNG", { try encode($0, ImageOptions(keepOriginalJPEG: false, format: .png)) }),
        ("resized to half, q85", { try resized($0, by: 0.5) }),
        ("resized to a quarter, q85", { try resized($0, by: 0.25) }),
        ("cropped by 4 px a side", { try cropped($0, by: 4) }),
        ("cropped by 2% a side", { try cropped($0, byFraction: 0.02) }),
    ]

    static func encode(_ bytes: [UInt8], _ options: ImageOptions) throws -> [UInt8] {
        try ImageProcessor(options: options).process(bytes).bytes
    }

    static func resized(_ bytes: [UInt8], by factor: Double) throws -> [UInt8] {
        let header = try ImageProcessor().header(of: bytes)
        let size = Int(Double(max(header.width, header.height)) * factor)
        return try encode(bytes, ImageOptions(keepOriginalJPEG: false, quality: 85, resize: .keepRatioLargest, size: size))
    }

    static func cropped(_ bytes: [UInt8], byFraction fraction: Double) throws -> [UInt8] {
        let header = try ImageProcessor().header(of: bytes)
        return try cropped(bytes, by: max(1, Int(Double(min(header.width, header.height)) * fraction)))
    }

    static func cropped(_ bytes: [UInt8], by margin: Int) throws -> [UInt8] {
        let decoded = try LibVips.pixels(bytes)
        return try region(of: decoded, x: margin, y: margin, width: decoded.width - 2 * margin, height: decoded.height - 2 * margin)
    }

    /// The image's four quarters, each a JPEG.
    static func quarters(of bytes: [UInt8]) throws -> [[UInt8]] {
        let decoded = try LibVips.pixels(bytes)
        let (width, height) = (decoded.width / 2, decoded.height / 2)
        return try [(0, 0), (width, 0), (0, height), (width, height)].map { x, y in
            try region(of: decoded, x: x, y: y, width: width, height: height)
        }
    }

    /// A rectangle of decoded pixels as a JPEG of quality 90.
    static func region(of decoded: DecodedImage, x: Int, y top: Int, width: Int, height: Int) throws -> [UInt8] {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        decoded.withPixels { all in
            for y in top..<top + height {
                let start = (y * decoded.width + x) * 3
                pixels.append(contentsOf: all[start..<start + width * 3])
            }
        }
        return try pixels.withUnsafeBytes { buffer in
            try LibVips.encode(buffer, width: width, height: height, options: ImageOptions(keepOriginalJPEG: false, quality: 90)).bytes
        }
    }

    /// Every figure `articles.json` gives a kind, read from the cloud layout.
    static func figures() throws -> [Figure] {
        let cloud = try SharedCorpus.url("pmc-cloud")
        let articles = try JSONSerialization.jsonObject(with: Data(contentsOf: SharedCorpus.url("articles.json"))) as? [[String: Any]] ?? []
        let folders = try FileManager.default.contentsOfDirectory(atPath: cloud.path)
        var figures: [Figure] = []
        for article in articles {
            guard let pmcid = article["pmcid"] as? String, let kinds = article["media_category"] as? [String: String],
                  let folder = folders.first(where: { $0.hasPrefix(pmcid + ".") })
            else { continue }
            for (name, kind) in kinds.sorted(by: { $0.key < $1.key }) {
                let bytes = try Data(contentsOf: cloud.appendingPathComponent(folder).appendingPathComponent(name))
                figures.append(Figure(name: "\(pmcid)/\(name)", kind: kind, bytes: Array(bytes)))
            }
        }
        return figures
    }

    static func hash(_ bytes: [UInt8]) throws -> UInt64 {
        UInt64(try ImageProcessor().process(bytes).perceptualHash, radix: 16)!
    }

    /// Distances of the pairs that must match (by variant) and of those that must not.
    static func distances() throws -> (same: [String: [Int]], distinct: [Int]) {
        let figures = try figures()
        let hashes = try figures.map { try hash($0.bytes) }
        var same: [String: [Int]] = [:]
        for (figure, original) in zip(figures, hashes) {
            for variant in variants {
                same[variant.name, default: []].append(PerceptualHash.distance(original, try hash(variant.make(figure.bytes))))
            }
        }
        var distinct: [Int] = []
        for i in figures.indices where !figures[i].kind.hasPrefix("picture:") {
            for j in figures.indices where j > i && figures[i].kind == figures[j].kind {
                distinct.append(PerceptualHash.distance(hashes[i], hashes[j]))
            }
        }
        for figure in figures where figure.kind.hasPrefix("picture:") {
            let quarters = try quarters(of: figure.bytes).map(hash)
            for i in quarters.indices {
                for j in quarters.indices where j > i { distinct.append(PerceptualHash.distance(quarters[i], quarters[j])) }
            }
        }
        return (same, distinct)
    }

    @Test("at the default distance the copies match, a 2% crop mostly, and no distinct image of the same kind does",
          .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func defaultDistanceSeparates() throws {
        let (same, distinct) = try Self.distances()
        let copies = same.values.flatMap { $0 }
        let chosen = PerceptualHash.nearDuplicateDistance
        // The table of the README: `swift test --filter defaultDistanceSeparates` prints it.
        print(Self.table(same: same, distinct: distinct, chosen: chosen))
        print("nearest distinct pair: \(distinct.min() ?? 64) bits apart")
        #expect(distinct.count > 500 && copies.count > 600, "the labelled set: \(copies.count) copies, \(distinct.count) distinct pairs")
        func recall(_ distances: [Int]) -> Double { Double(distances.filter { $0 <= chosen }.count) / Double(distances.count) }
        #expect(recall(copies) >= 0.95)
        for (variant, distances) in same {
            #expect(recall(distances) >= (variant.hasPrefix("cropped by 2%") ? 0.8 : 0.97), "\(variant): recall \(recall(distances))")
        }
        #expect(distinct.filter { $0 <= chosen }.isEmpty, "distinct images matched: \(distinct.filter { $0 <= chosen }.sorted())")
        let firstFalseMatch = distinct.min() ?? 64
        #expect(firstFalseMatch >= chosen + 4, "the nearest distinct images are \(firstFalseMatch) bits apart: too close to the default")
    }

    /// The table the README shows: recall by variant, and false matches, at each distance.
    static func table(same: [String: [Int]], distinct: [Int], chosen: Int) -> String {
        let all = same.values.flatMap { $0 }
        var lines = ["distance | recall (all copies) | " + variants.map(\.name).joined(separator: " | ") + " | false matches | precision"]
        for distance in 0...12 {
            func recall(_ values: [Int]) -> String {
                String(format: "%.3f", Double(values.filter { $0 <= distance }.count) / Double(values.count))
            }
            let truePositives = all.filter { $0 <= distance }.count
            let falsePositives = distinct.filter { $0 <= distance }.count
            let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
            let cells = [distance == chosen ? "**\(distance)**" : "\(distance)", recall(all)] + variants.map { recall(same[$0.name] ?? []) }
                + ["\(falsePositives) of \(distinct.count)", String(format: "%.3f", precision)]
            lines.append(cells.joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
    }
}
