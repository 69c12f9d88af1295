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
        try self.init(decoding: bytes, header: header, size: size)
    }

    /// Decodes `bytes` (any format libvips reads) with its longer side `size`.
    public init(decoding bytes: [UInt8], size: Int) throws(ImageError) {
        try self.init(decoding: bytes, header: LibVips.probe(bytes), size: size)
    }

    /// Decodes `bytes`, whose header is `header`, with its longer side `size`. A JPEG is decoded
    /// at the smallest DCT scale (1/8, 1/4, 1/2) that keeps `size` (`JPEGResizer`), then area-averaged as a
    /// decoded image is (`init(downscaling:size:)`), so a kept JPEG and its re-encoded copy come
    /// out alike; libvips' own thumbnail spent as long compiling and running its Lanczos filter as
    /// libjpeg spent decoding. Other formats go through libvips' thumbnail, which streams a large
    /// PNG or TIFF instead of holding it decoded.
    public init(decoding bytes: [UInt8], header: ImageHeader, size: Int) throws(ImageError) {
        if header.format == .jpeg {
            let target = Self.size(width: header.width, height: header.height, size: size)
            // The caller has held the header to the pixel limit; a 1/8 decode of it is small.
            let pixels = try JPEGResizer.decode(bytes, header: header, width: target.width, height: target.height,
                                                maxDecodedPixels: .max)
            self.init(width: target.width, height: target.height, pixels: pixels ?? [])
        } else {
            self.init(try LibVips.thumbnail(bytes, size: size))
        }
    }

    /// A copy of decoded pixels.
    init(_ image: DecodedImage) {
        self.init(width: image.width, height: image.height, pixels: image.withPixels { Array($0) })
    }

    /// The thumbnail of an image already decoded, its longer side `size`: each pixel the mean of
    /// the area of the image it covers (`AreaResampler`).
    ///
    /// Why not libvips: its resize of an image held in memory made a re-encoding build of the
    /// corpus's 97 figures take 5.6 s instead of 1.4 s, more than the decodes and encodes
    /// together, and a thumbnail for hashing and features needs no better filter than an area mean.
    init(downscaling image: DecodedImage, size: Int) {
        self = image.withPixels { RGBThumbnail(downscaling: $0, width: image.width, height: image.height, size: size) }
    }

    /// The thumbnail of `width` x `height` RGB pixels, as `init(downscaling:size:)` makes it.
    init(downscaling pixels: UnsafeRawBufferPointer, width imageWidth: Int, height imageHeight: Int, size: Int) {
        let (width, height) = Self.size(width: imageWidth, height: imageHeight, size: size)
        self.init(width: width, height: height,
                  pixels: AreaResampler.resample(pixels, width: imageWidth, height: imageHeight, newWidth: width, newHeight: height))
    }

    /// The thumbnail's size for an image of `width` x `height`: its longer side `size`.
    private static func size(width: Int, height: Int, size: Int) -> (width: Int, height: Int) {
        JPEGResizer.scaledSize(width: width, height: height, resize: .keepRatioLargest, size: size)
    }

    /// The thumbnail as a JPEG: how it is kept small until it is looked at.
    public func jpeg(quality: Int = 85) throws(ImageError) -> [UInt8] {
        let options = ImageOptions(format: .jpeg, quality: quality, resize: .none)
        return try pixels.withUnsafeBytes { bytes in
            Result { () throws(ImageError) in try LibVips.encode(bytes, width: width, height: height, options: options).bytes }
        }.get()
    }
}
