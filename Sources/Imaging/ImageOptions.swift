/// How the serializer writes images, with img2dataset's choices.
public struct ImageOptions: Sendable, Equatable {
    /// How to fit an image to `size`.
    public enum Resize: String, Sendable, CaseIterable {
        /// Keep the image's size.
        case none
        /// Scale so the longer side is `size`, keeping the aspect ratio.
        case keepRatioLargest = "keep-ratio-largest"
        /// Scale so the shorter side is `size`, then cut the centre square.
        case centerCrop = "center-crop"
        /// Scale so the longer side is `size`, then pad to a white square.
        case border
    }

    /// The format written when an image is re-encoded.
    public enum OutputFormat: String, Sendable, CaseIterable {
        case jpeg, png, webp

        /// The file extension for shard members.
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    }

    /// Refuse images with more pixels than this, before decoding (BIOMEDICA-scale default: 178 MP,
    /// PIL's own decompression-bomb threshold).
    public var maxPixels: Int
    /// Keep the original bytes when they already are an RGB JPEG and no resizing is asked for.
    public var keepOriginalJPEG: Bool
    /// Format for re-encoded images.
    public var format: OutputFormat
    /// JPEG and WebP quality, 1 to 100.
    public var quality: Int
    /// Resizing mode.
    public var resize: Resize
    /// Target size for resizing, in pixels.
    public var size: Int

    /// BIOMEDICA's defaults: original bytes kept, JPEG quality 95 when re-encoding, no resizing.
    public init(maxPixels: Int = 178_956_970, keepOriginalJPEG: Bool = true, format: OutputFormat = .jpeg,
                quality: Int = 95, resize: Resize = .none, size: Int = 256) {
        self.maxPixels = maxPixels
        self.keepOriginalJPEG = keepOriginalJPEG
        self.format = format
        self.quality = quality
        self.resize = resize
        self.size = size
    }
}
