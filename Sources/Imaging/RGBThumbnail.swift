/// An image decoded small, for looking at rather than storing: 8-bit sRGB, three bytes a pixel,
/// row by row, the longer side at most the size asked for.
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

    /// Decodes `bytes` (any format libvips reads) with its longer side at most `size`.
    public init(decoding bytes: [UInt8], size: Int) throws(ImageError) {
        let image = try LibVips.thumbnail(bytes, size: size)
        self.init(width: image.width, height: image.height, pixels: image.withPixels { Array($0) })
    }
}
