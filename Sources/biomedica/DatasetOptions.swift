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

    @Flag(help: "Write exact duplicates (the same image bytes) too, marked with image_duplicate_of, instead of leaving them out.")
    var keepDuplicates = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Mark an image whose 64-bit perceptual hash is at most D bits (0 to 15) from an earlier image's as its near duplicate (image_near_duplicate_of); -1 looks for none.",
        discussion: "The default 6 matched 98% of re-encoded, recompressed, resized and cropped copies, and no distinct image of the same kind, on the labelled set in the README. Distances from 8 look up more hashes and are slower.",
        valueName: "D"))
    var nearDuplicateDistance = SerializeOptions().nearDuplicateDistance

    @Flag(help: "Leave near duplicates out of the shards too (they are kept, marked, by default).")
    var dropNearDuplicates = false

    @Option(help: ArgumentHelp(
        "Also write each shard's feature vectors (features/NAME/GROUP/NNNNNN.npy and .keys), computed from the decode serializing does anyway; names: builtin.",
        discussion: "What `annotate features` writes, without decoding the images again. `build --annotate` does it on its own with the extractor it clusters on.",
        valueName: "NAME"))
    var features: String?

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
        if !(-1...15).contains(nearDuplicateDistance) { throw ValidationError("--near-duplicate-distance must be from -1 to 15") }
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
            keepDuplicates: keepDuplicates, nearDuplicateDistance: nearDuplicateDistance, dropNearDuplicates: dropNearDuplicates,
            shardSamples: shardSize, shardBytes: shardBytes,
            biomedicaCompat: biomedicaCompat)
    }
}

extension ImageOptions.OutputFormat: ExpressibleByArgument {}
extension ImageOptions.Resize: ExpressibleByArgument {}
