import Imaging
import WebDataset

/// How the serialize stage turns figures into samples: image handling, filters, duplicates,
/// shard sizes and the JSON's shape.
public struct SerializeOptions: Sendable, Equatable {
    /// Decoding limits, output format and resizing.
    public var image: ImageOptions
    /// The filters a figure's image must pass.
    public var filter: SampleFilter
    /// Write exact duplicates too (marked with `image_duplicate_of`) instead of leaving them out.
    public var keepDuplicates: Bool
    /// The most bits an image's perceptual hash may differ from an earlier one's for the image to
    /// be marked its near duplicate (`image_near_duplicate_of`); negative looks for none.
    public var nearDuplicateDistance: Int
    /// Leave near duplicates out of the shards, as exact duplicates are.
    public var dropNearDuplicates: Bool
    /// Samples per shard.
    public var shardSamples: Int
    /// Bytes per shard.
    public var shardBytes: Int
    /// Write the article's full text, reference list and figure captions into every sample, as BIOMEDICA did.
    public var biomedicaCompat: Bool

    /// BIOMEDICA's defaults: original JPEG bytes kept, non-empty captions, sides over 20 px,
    /// duplicates left out, near duplicates marked and kept, 10,000 samples or 1 GB per shard.
    public init(
        image: ImageOptions = ImageOptions(), filter: SampleFilter = SampleFilter(), keepDuplicates: Bool = false,
        nearDuplicateDistance: Int = PerceptualHash.nearDuplicateDistance, dropNearDuplicates: Bool = false,
        shardSamples: Int = 10_000, shardBytes: Int = 1_000_000_000, biomedicaCompat: Bool = false
    ) {
        self.image = image
        self.filter = filter
        self.keepDuplicates = keepDuplicates
        self.nearDuplicateDistance = nearDuplicateDistance
        self.dropNearDuplicates = dropNearDuplicates
        self.shardSamples = shardSamples
        self.shardBytes = shardBytes
        self.biomedicaCompat = biomedicaCompat
    }

    /// The options as one line of text: shards written under other options are not continued.
    public var fingerprint: String {
        [
            "max-pixels=\(image.maxPixels)", "keep-jpeg=\(image.keepOriginalJPEG)", "format=\(image.format.rawValue)",
            "quality=\(image.quality)", "resize=\(image.resize.rawValue)", "size=\(image.size)",
            "min-side=\(filter.minSide)", "max-aspect=\(filter.maxAspect.map { "\($0)" } ?? "none")",
            "keep-duplicates=\(keepDuplicates)", "near-distance=\(nearDuplicateDistance)", "drop-near=\(dropNearDuplicates)",
            "shard-samples=\(shardSamples)", "shard-bytes=\(shardBytes)",
            "compat=\(biomedicaCompat)", "thumbnails=\(ImageProcessor.thumbnailVersion)",
        ].joined(separator: " ")
    }

    /// The options `fingerprint` was made from (what a merge reads from a part's checkpoint); nil
    /// when the text is not a fingerprint.
    public init?(fingerprint: String) {
        var fields: [String: String] = [:]
        for pair in fingerprint.split(separator: " ") {
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            fields[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        func int(_ key: String) -> Int? { fields[key].flatMap { Int($0) } }
        func bool(_ key: String) -> Bool? { fields[key].flatMap { Bool($0) } }
        guard let maxPixels = int("max-pixels"), let keepJPEG = bool("keep-jpeg"),
              let format = fields["format"].flatMap(ImageOptions.OutputFormat.init(rawValue:)), let quality = int("quality"),
              let resize = fields["resize"].flatMap(ImageOptions.Resize.init(rawValue:)), let size = int("size"),
              let minSide = int("min-side"), let aspect = fields["max-aspect"], aspect == "none" || Double(aspect) != nil,
              let keepDuplicates = bool("keep-duplicates"), let nearDistance = int("near-distance"), let dropNear = bool("drop-near"),
              let shardSamples = int("shard-samples"),
              let shardBytes = int("shard-bytes"), let compat = bool("compat")
        else { return nil }
        self.init(
            image: ImageOptions(maxPixels: maxPixels, keepOriginalJPEG: keepJPEG, format: format, quality: quality, resize: resize, size: size),
            filter: SampleFilter(minSide: minSide, maxAspect: Double(aspect)), keepDuplicates: keepDuplicates,
            nearDuplicateDistance: nearDistance, dropNearDuplicates: dropNear, shardSamples: shardSamples, shardBytes: shardBytes, biomedicaCompat: compat)
    }

    /// The shard writer options these options give.
    var shardWriterOptions: ShardWriterOptions {
        ShardWriterOptions(maxSamples: shardSamples, maxBytes: shardBytes)
    }
}
