import ArgumentParser
import Foundation
import Pipeline

/// Options of the serialize stage: where the dataset goes, how images are stored, which figures
/// pass, and how shards are cut.
struct DatasetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The dataset folder: shards/, parquet/ (and, for build, catalog.sqlite).", valueName: "DIR"))
    var out: String

    @Flag(help: "Re-encode every image instead of keeping RGB JPEG bytes as they are.")
    var reencode = false

    @Option(help: "The format of re-encoded images: jpeg, png or webp.")
    var imageFormat: ImageOptions.OutputFormat = .jpeg

    @Option(help: "JPEG and WebP quality of re-encoded images, 1 to 100.")
    var quality = 95

    @Option(help: "Resize images (re-encodes them): none, keep-ratio-largest, center-crop or border.")
    var resize: ImageOptions.Resize = .none

    @Option(help: "The side length --resize aims for, in pixels.")
    var imageSize = 256

    @Option(help: "Refuse images with more pixels than this, before decoding them.")
    var maxPixels = 178_956_970

    @Option(help: "Leave out images whose width or height is not over this many pixels (BIOMEDICA: 20).")
    var minSide = 20

    @Option(help: ArgumentHelp("Leave out images whose longer side is more than R times the shorter (default: no limit).", valueName: "R"))
    var maxAspect: Double?

    @Flag(help: "Write exact duplicates too, marked with image_duplicate_of, instead of leaving them out.")
    var keepDuplicates = false

    @Option(help: "Samples per shard.")
    var shardSize = 10_000

    @Option(help: "Bytes per shard at most (a single larger sample gets a shard of its own).")
    var shardBytes = 1_000_000_000

    @Flag(help: "Write each article's full text, references and figure captions into every sample, as BIOMEDICA did.")
    var biomedicaCompat = false

    func validate() throws {
        if !(1...100).contains(quality) { throw ValidationError("--quality must be from 1 to 100") }
        if imageSize < 1 { throw ValidationError("--image-size must be at least 1") }
        if maxPixels < 1 { throw ValidationError("--max-pixels must be at least 1") }
        if minSide < 0 { throw ValidationError("--min-side must not be negative") }
        if let maxAspect, !(maxAspect >= 1) { throw ValidationError("--max-aspect must be a number of at least 1") }
        if shardSize < 1 { throw ValidationError("--shard-size must be at least 1") }
        if shardBytes < 1 { throw ValidationError("--shard-bytes must be at least 1") }
    }

    /// The output folder.
    var outputURL: URL { URL(fileURLWithPath: out).standardizedFileURL }

    /// The stage options these flags describe.
    var serializeOptions: SerializeOptions {
        SerializeOptions(
            image: ImageOptions(
                maxPixels: maxPixels, keepOriginalJPEG: !reencode, format: imageFormat, quality: quality,
                resize: resize, size: imageSize),
            filter: SampleFilter(minSide: minSide, maxAspect: maxAspect),
            keepDuplicates: keepDuplicates, shardSamples: shardSize, shardBytes: shardBytes,
            biomedicaCompat: biomedicaCompat)
    }
}

extension ImageOptions.OutputFormat: ExpressibleByArgument {}
extension ImageOptions.Resize: ExpressibleByArgument {}
