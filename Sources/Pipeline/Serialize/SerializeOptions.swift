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
    /// Samples per shard.
    public var shardSamples: Int
    /// Bytes per shard.
    public var shardBytes: Int
    /// Write the article's full text, reference list and figure captions into every sample, as BIOMEDICA did.
    public var biomedicaCompat: Bool

    /// BIOMEDICA's defaults: original JPEG bytes kept, non-empty captions, sides over 20 px,
    /// duplicates left out, 10,000 samples or 1 GB per shard.
    public init(
        image: ImageOptions = ImageOptions(), filter: SampleFilter = SampleFilter(), keepDuplicates: Bool = false,
        shardSamples: Int = 10_000, shardBytes: Int = 1_000_000_000, biomedicaCompat: Bool = false
    ) {
        self.image = image
        self.filter = filter
        self.keepDuplicates = keepDuplicates
        self.shardSamples = shardSamples
        self.shardBytes = shardBytes
        self.biomedicaCompat = biomedicaCompat
    }

    /// The options as one line of text: shards written under other options are not continued.
    var fingerprint: String {
        [
            "max-pixels=\(image.maxPixels)", "keep-jpeg=\(image.keepOriginalJPEG)", "format=\(image.format.rawValue)",
            "quality=\(image.quality)", "resize=\(image.resize.rawValue)", "size=\(image.size)",
            "min-side=\(filter.minSide)", "max-aspect=\(filter.maxAspect.map { "\($0)" } ?? "none")",
            "keep-duplicates=\(keepDuplicates)", "shard-samples=\(shardSamples)", "shard-bytes=\(shardBytes)",
            "compat=\(biomedicaCompat)",
        ].joined(separator: " ")
    }

    /// The shard writer options these options give.
    var shardWriterOptions: ShardWriterOptions {
        ShardWriterOptions(maxSamples: shardSamples, maxBytes: shardBytes)
    }
}
