/// Resizes a JPEG for storage (`--resize`): decoded at the smallest DCT scale (1/8, 1/4, 1/2)
/// whose size still covers the target, then area-averaged to it (`AreaResampler`, as
/// img2dataset's default INTER_AREA), and for `centerCrop` cut to the centre square.
///
/// Why not libvips' thumbnail: it decodes at the same scale, but its Lanczos filter, run in C
/// outside its vector path and compiled anew for each image, took longer than the decode and
/// the encode together.
enum JPEGResizer {
    /// The size an image of `width` x `height` is scaled to before any crop: its longer side
    /// `size`, or for `centerCrop` its shorter side.
    static func scaledSize(width: Int, height: Int, resize: ImageOptions.Resize, size: Int) -> (width: Int, height: Int) {
        let side = resize == .centerCrop ? min(width, height) : max(width, height)
        let scale = Double(size) / Double(side)
        func scaled(_ length: Int) -> Int { length == side ? size : max(1, Int((Double(length) * scale).rounded())) }
        return (scaled(width), scaled(height))
    }

    /// The stored pixels of the JPEG `bytes`, or nil when its decode would hold more than
    /// `maxDecodedPixels` pixels (left to libvips, which streams).
    static func resize(
        _ bytes: [UInt8], header: ImageHeader, options: ImageOptions, maxDecodedPixels: Int
    ) throws(ImageError) -> (pixels: [UInt8], width: Int, height: Int)? {
        let target = scaledSize(width: header.width, height: header.height, resize: options.resize, size: options.size)
        guard let scaled = try decode(bytes, header: header, width: target.width, height: target.height,
                                      maxDecodedPixels: maxDecodedPixels)
        else { return nil }
        guard options.resize == .centerCrop, target.width != target.height else { return (scaled, target.width, target.height) }
        let side = options.size
        let left = (target.width - side) / 2, top = (target.height - side) / 2
        var square = [UInt8]()
        square.reserveCapacity(side * side * 3)
        for row in top..<(top + side) {
            let start = (row * target.width + left) * 3
            square += scaled[start..<(start + side * 3)]
        }
        return (square, side, side)
    }

    /// The JPEG `bytes` as `width` x `height` RGB pixels: decoded at the smallest DCT scale whose
    /// size (libjpeg rounds up) still covers that size, then area-averaged to it; nil when that
    /// decode would hold more than `maxDecodedPixels` pixels.
    static func decode(
        _ bytes: [UInt8], header: ImageHeader, width: Int, height: Int, maxDecodedPixels: Int
    ) throws(ImageError) -> [UInt8]? {
        func covers(_ shrink: Int) -> Bool {
            (header.width + shrink - 1) / shrink >= width && (header.height + shrink - 1) / shrink >= height
        }
        let shrink = [8, 4, 2].first(where: covers) ?? 1
        guard header.pixels / (shrink * shrink) <= maxDecodedPixels else { return nil }
        let decoded = try LibVips.pixels(bytes, jpegShrink: shrink)
        return decoded.withPixels { source in
            AreaResampler.resample(source, width: decoded.width, height: decoded.height, newWidth: width, newHeight: height)
        }
    }
}
