import Crypto
import PMCModel

/// Turns a figure's image file into the bytes a shard stores: checks the header against the pixel
/// limit before anything is decoded, keeps an RGB JPEG's bytes or re-encodes to 8-bit sRGB
/// (CMYK and grayscale converted), and computes the hashes and the thumbnail.
///
/// Each image is decoded once. A kept JPEG is decoded only at thumbnail size (libjpeg's DCT
/// scaling through libvips' shrink-on-load); a JPEG resized for storage is decoded at the DCT
/// scale nearest above its stored size and area-averaged to it (`JPEGResizer`), another image
/// through libvips' thumbnail; any other is decoded whole and the thumbnail made from its pixels. The
/// one exception is an image to re-encode at full size beyond `wholeDecodeLimit` pixels: it is
/// decoded a strip at a time for its encoding and once more, shrunk, for its thumbnail, so that
/// memory stays bounded.
public struct ImageProcessor: Sendable {
    /// How images are written.
    public var options: ImageOptions

    /// Creates a processor.
    public init(options: ImageOptions = ImageOptions()) {
        self.options = options
    }

    /// The longer side of the thumbnail every processed image comes with: what the perceptual
    /// hash and the built-in features look at.
    public static let thumbnailSize = 128

    /// Which way thumbnails, and so perceptual hashes and built-in features, are computed. A
    /// dataset whose shards were hashed another way is written again rather than continued, since
    /// hashes made two ways do not compare. 2: area means of a JPEG's DCT-scaled decode.
    public static let thumbnailVersion = 2

    /// The most pixels an image to re-encode at full size is decoded whole for (48 MB of sRGB).
    public static let wholeDecodeLimit = 16_000_000

    /// Reads only the header: format, size, bands, colour space.
    public func header(of bytes: [UInt8]) throws(ImageError) -> ImageHeader {
        try LibVips.probe(bytes)
    }

    /// Processes one image.
    public func process(_ bytes: [UInt8]) throws(ImageError) -> ProcessedImage {
        try process(bytes, header: LibVips.probe(bytes))
    }

    /// Processes one image whose header the caller has already read with `header(of:)`.
    public func process(_ bytes: [UInt8], header: ImageHeader) throws(ImageError) -> ProcessedImage {
        guard header.pixels <= options.maxPixels else {
            throw .tooManyPixels(width: header.width, height: header.height, limit: options.maxPixels)
        }
        let keep = options.keepOriginalJPEG && options.resize == .none && header.format == .jpeg
            && header.colourSpace == .srgb && header.bands == 3
        let thumbnail: RGBThumbnail
        let stored: (bytes: [UInt8], width: Int, height: Int)
        if keep {
            thumbnail = try RGBThumbnail(decoding: bytes, header: header, size: Self.thumbnailSize)
            stored = (bytes, header.width, header.height)
        } else if options.resize == .none && header.pixels > Self.wholeDecodeLimit {
            stored = try LibVips.transcode(bytes, options: options)
            thumbnail = try RGBThumbnail(decoding: bytes, header: header, size: Self.thumbnailSize)
        } else if options.resize != .none, header.format == .jpeg,
                  let resized = try JPEGResizer.resize(bytes, header: header, options: options, maxDecodedPixels: Self.wholeDecodeLimit) {
            thumbnail = resized.pixels.withUnsafeBytes {
                RGBThumbnail(downscaling: $0, width: resized.width, height: resized.height, size: Self.thumbnailSize)
            }
            stored = try resized.pixels.withUnsafeBytes { pixels in
                Result { () throws(ImageError) in try LibVips.encode(pixels, width: resized.width, height: resized.height, options: options) }
            }.get()
        } else {
            let decoded = options.resize == .none ? try LibVips.pixels(bytes) : try LibVips.resized(bytes, options: options)
            thumbnail = RGBThumbnail(downscaling: decoded, size: Self.thumbnailSize)
            stored = try LibVips.encode(decoded, options: options)
        }
        let perceptualHash = thumbnail.pixels.withUnsafeBytes { pixels in
            PerceptualHash.hash(thumbnail: PerceptualHash.thumbnail(rgb: pixels, width: thumbnail.width, height: thumbnail.height))
        }
        return ProcessedImage(
            bytes: stored.bytes,
            fileExtension: keep ? "jpg" : options.format.fileExtension,
            width: stored.width,
            height: stored.height,
            source: header,
            keptOriginal: keep,
            sha256: SHA256.hash(data: stored.bytes).lowercaseHex,
            perceptualHash: String(perceptualHash, radix: 16).leftPadded(to: 16),
            thumbnail: thumbnail)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
