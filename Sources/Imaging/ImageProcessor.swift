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

    /// Processes one image whose header the caller has already read with `header(of:)`.
    public func process(_ bytes: [UInt8], header: ImageHeader) throws(ImageError) -> ProcessedImage {
        guard header.pixels <= options.maxPixels else {
            throw .tooManyPixels(width: header.width, height: header.height, limit: options.maxPixels)
        }
        let decoded = try LibVips.pixels(bytes)
        var pixelHasher = SHA256()
        pixelHasher.update(data: Array("\(decoded.width)x\(decoded.height)\n".utf8))
        let thumbnail = decoded.withPixels { pixels in
            pixelHasher.update(bufferPointer: pixels)
            return PerceptualHash.thumbnail(rgb: pixels, width: decoded.width, height: decoded.height)
        }
        let perceptualHash = PerceptualHash.hash(thumbnail: thumbnail)

        let keep = options.keepOriginalJPEG && options.resize == .none && header.format == .jpeg
            && header.colourSpace == .srgb && header.bands == 3
        let stored: (bytes: [UInt8], width: Int, height: Int)
        if keep {
            stored = (bytes, header.width, header.height)
        } else {
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
