/// An image decoded small, for looking at rather than storing: 8-bit sRGB, three bytes a pixel,
/// row by row, the longer side the size asked for.
public struct RGBThumbnail: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 3` bytes.
    public let pixels: [UInt8]

    /// A thumbnail from its pixels.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "\(pixels.count) bytes are not \(width) x \(height) RGB pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Decodes untrusted `bytes` with its longer side at most `size`, once the header has shown
    /// no more than `maxPixels` pixels: the limit holds before any decoding.
    public init(decoding bytes: [UInt8], size: Int, maxPixels: Int) throws(ImageError) {
        let header = try LibVips.probe(bytes)
        guard header.pixels <= maxPixels else {
            throw .tooManyPixels(width: header.width, height: header.height, limit: maxPixels)
        }
        try self.init(decoding: bytes, size: size)
    }

    /// Decodes `bytes` (any format libvips reads) with its longer side `size`, shrinking on load
    /// where the format can.
    public init(decoding bytes: [UInt8], size: Int) throws(ImageError) {
        self.init(try LibVips.thumbnail(bytes, size: size))
    }

    /// A copy of decoded pixels.
    init(_ image: DecodedImage) {
        self.init(width: image.width, height: image.height, pixels: image.withPixels { Array($0) })
    }

    /// The thumbnail as a JPEG: how it is kept small until it is looked at.
    public func jpeg(quality: Int = 85) throws(ImageError) -> [UInt8] {
        let options = ImageOptions(format: .jpeg, quality: quality, resize: .none)
        return try pixels.withUnsafeBytes { bytes in
            Result { () throws(ImageError) in try LibVips.encode(bytes, width: width, height: height, options: options).bytes }
        }.get()
    }
}
