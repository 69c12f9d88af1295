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

    /// The thumbnail of an image already decoded, its longer side `size`: each pixel the mean of
    /// the area of the image it covers (the nearest pixel, for an image smaller than `size`).
    ///
    /// Why not libvips: its resize of an image held in memory made a re-encoding build of the
    /// corpus's 97 figures take 5.6 s instead of 1.4 s, more than the decodes and encodes
    /// together, and a thumbnail for hashing and features needs no better filter than an area mean.
    init(downscaling image: DecodedImage, size: Int) {
        let scale = Double(size) / Double(max(image.width, image.height))
        let width = max(1, Int((Double(image.width) * scale).rounded()))
        let height = max(1, Int((Double(image.height) * scale).rounded()))
        // The thumbnail column and row each image column and row falls in.
        let column = (0..<image.width).map { $0 * width / image.width }
        let row = (0..<image.height).map { $0 * height / image.height }
        var sums = [Int](repeating: 0, count: width * height * 3)
        var counts = [Int](repeating: 0, count: width * height)
        image.withPixels { source in
            for y in 0..<image.height {
                let base = row[y] * width
                var offset = y * image.width * 3
                for x in 0..<image.width {
                    let cell = base + column[x]
                    sums[cell * 3] += Int(source[offset])
                    sums[cell * 3 + 1] += Int(source[offset + 1])
                    sums[cell * 3 + 2] += Int(source[offset + 2])
                    counts[cell] += 1
                    offset += 3
                }
            }
        }
        // Cells no pixel fell in (an image smaller than the thumbnail) take the nearest pixel's.
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        image.withPixels { source in
            for y in 0..<height {
                for x in 0..<width {
                    let cell = y * width + x
                    for channel in 0..<3 {
                        if counts[cell] > 0 {
                            pixels[cell * 3 + channel] = UInt8((sums[cell * 3 + channel] + counts[cell] / 2) / counts[cell])
                        } else {
                            let nearest = (y * image.height / height * image.width + x * image.width / width) * 3
                            pixels[cell * 3 + channel] = source[nearest + channel]
                        }
                    }
                }
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// The thumbnail as a JPEG: how it is kept small until it is looked at.
    public func jpeg(quality: Int = 85) throws(ImageError) -> [UInt8] {
        let options = ImageOptions(format: .jpeg, quality: quality, resize: .none)
        return try pixels.withUnsafeBytes { bytes in
            Result { () throws(ImageError) in try LibVips.encode(bytes, width: width, height: height, options: options).bytes }
        }.get()
    }
}
