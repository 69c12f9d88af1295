import Crypto
import PMCModel

/// Turns a figure's image file into the bytes a shard stores: checks the header against the pixel
/// limit before anything is decoded, keeps an RGB JPEG's bytes or re-encodes to 8-bit sRGB
/// (CMYK and grayscale converted), and computes the hashes.
public struct ImageProcessor: Sendable {
    /// How images are written.
    public var options: ImageOptions

    /// Creates a processor.
    public init(options: ImageOptions = ImageOptions()) {
        self.options = options
    }

    /// Reads only the header: format, size, bands, colour space.
    public func header(of bytes: [UInt8]) throws(ImageError) -> ImageHeader {
        try LibVips.probe(bytes)
    }

    /// Processes one image.
    public func process(_ bytes: [UInt8]) throws(ImageError) -> ProcessedImage {
        try process(bytes, header: LibVips.probe(bytes))
    }

    /// The most pixels an image to re-encode is decoded whole for (48 MB of sRGB): one decode
    /// serves its hashes and its encoding. A larger one is decoded twice, a strip at a time, so
    /// that memory stays bounded up to the largest image `maxPixels` lets through.
    public static let wholeDecodeLimit = 16_000_000

    /// Processes one image whose header the caller has already read with `header(of:)`.
    ///
    /// An image kept as it is, or too large to decode whole, is decoded in strips for its hashes
    /// (and, when re-encoded, again in strips for its encoding); others are decoded once, whole.
    public func process(_ bytes: [UInt8], header: ImageHeader) throws(ImageError) -> ProcessedImage {
        guard header.pixels <= options.maxPixels else {
            throw .tooManyPixels(width: header.width, height: header.height, limit: options.maxPixels)
        }
        let keep = options.keepOriginalJPEG && options.resize == .none && header.format == .jpeg
            && header.colourSpace == .srgb && header.bands == 3
        var pixelHasher = SHA256()
        let perceptualHash: UInt64
        let stored: (bytes: [UInt8], width: Int, height: Int)
        if keep || header.pixels > Self.wholeDecodeLimit {
            var builder = PerceptualHash.ThumbnailBuilder(width: header.width, height: header.height)
            pixelHasher.update(data: Array("\(header.width)x\(header.height)\n".utf8))
            let size = try LibVips.scan(bytes) { y, row in
                pixelHasher.update(bufferPointer: row)
                builder.add(row: y, row)
            }
            guard size.width == header.width && size.height == header.height else {
                throw .undecodable(reason: "decoded at \(size.width)x\(size.height), not the header's \(header.width)x\(header.height)")
            }
            perceptualHash = PerceptualHash.hash(thumbnail: builder.thumbnail())
            stored = keep ? (bytes, header.width, header.height) : try LibVips.transcode(bytes, options: options)
        } else {
            let decoded = try LibVips.pixels(bytes)
            pixelHasher.update(data: Array("\(decoded.width)x\(decoded.height)\n".utf8))
            let thumbnail = decoded.withPixels { pixels in
                pixelHasher.update(bufferPointer: pixels)
                return PerceptualHash.thumbnail(rgb: pixels, width: decoded.width, height: decoded.height)
            }
            perceptualHash = PerceptualHash.hash(thumbnail: thumbnail)
            stored = try LibVips.encode(decoded, options: options)
        }
        return ProcessedImage(
            bytes: stored.bytes,
            fileExtension: keep ? "jpg" : options.format.fileExtension,
            width: stored.width,
            height: stored.height,
            source: header,
            keptOriginal: keep,
            sha256: SHA256.hash(data: stored.bytes).lowercaseHex,
            pixelDigest: pixelHasher.finalize().lowercaseHex,
            perceptualHash: String(perceptualHash, radix: 16).leftPadded(to: 16))
    }

}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
