import CVips

/// The calls into libvips, through the C shim: the only Swift code that touches its memory.
enum LibVips {
    private static let errorSize = 512

    /// Starts libvips once; later calls return at once.
    static func start() throws(ImageError) {
        try call(failure: ImageError.undecodable) { error in bm_image_start(error, errorSize) }
    }

    /// The format the bytes' signature names.
    /// - Throws: `unsupportedFormat` for any format but the five the pipeline loads: libvips never sees the bytes.
    static func format(of bytes: [UInt8]) throws(ImageError) -> ImageFormat {
        guard let format = ImageFormat(signature: bytes) else { throw .unsupportedFormat(reason: ImageFormat.describeUnknown(bytes)) }
        return format
    }

    static func probe(_ bytes: [UInt8]) throws(ImageError) -> ImageHeader {
        let format = try format(of: bytes)
        try start()
        var header = bm_image_header()
        try call(failure: ImageError.notAnImage) { error in
            bytes.withUnsafeBytes { bm_image_probe($0.baseAddress, $0.count, &header, error, errorSize) }
        }
        return ImageHeader(
            format: format, width: Int(header.width), height: Int(header.height),
            bands: Int(header.bands), colourSpace: ColourSpace(shimValue: header.colour_space))
    }

    /// Decodes to 8-bit sRGB pixels, three bytes each, row by row; a JPEG at 1/`jpegShrink` of its size.
    static func pixels(_ bytes: [UInt8], jpegShrink: Int = 1) throws(ImageError) -> DecodedImage {
        _ = try format(of: bytes)
        let image = try receiving(failure: ImageError.undecodable) { output, length, width, height, error in
            bytes.withUnsafeBytes {
                bm_image_pixels($0.baseAddress, $0.count, Int32(jpegShrink), output, length, width, height, error, errorSize)
            }
        }
        return DecodedImage(memory: image.memory, count: image.length, width: image.width, height: image.height)
    }

    /// Decodes to 8-bit sRGB pixels, the longer side scaled to `size`, shrinking on load where the format can.
    static func thumbnail(_ bytes: [UInt8], size: Int) throws(ImageError) -> DecodedImage {
        _ = try format(of: bytes)
        let image = try receiving(failure: ImageError.undecodable) { output, length, width, height, error in
            bytes.withUnsafeBytes { bm_image_thumbnail($0.baseAddress, $0.count, Int32(size), output, length, width, height, error, errorSize) }
        }
        return DecodedImage(memory: image.memory, count: image.length, width: image.width, height: image.height)
    }

    /// Decodes to 8-bit sRGB pixels at the size `options.resize` gives, shrinking on load where
    /// the format can, for `encode` with the same options.
    static func resized(_ bytes: [UInt8], options: ImageOptions) throws(ImageError) -> DecodedImage {
        _ = try format(of: bytes)
        let image = try receiving(failure: ImageError.undecodable) { output, length, width, height, error in
            bytes.withUnsafeBytes {
                bm_image_resized($0.baseAddress, $0.count, resize(options.resize), Int32(options.size), output, length, width, height, error, errorSize)
            }
        }
        return DecodedImage(memory: image.memory, count: image.length, width: image.width, height: image.height)
    }

    /// Decodes, converts, resizes and encodes as `encode` does, a strip at a time: for images
    /// too large to hold decoded.
    static func transcode(_ bytes: [UInt8], options: ImageOptions) throws(ImageError) -> (bytes: [UInt8], width: Int, height: Int) {
        _ = try format(of: bytes)
        let image = try receiving(failure: ImageError.unencodable) { output, length, width, height, error in
            bytes.withUnsafeBytes {
                bm_image_transcode($0.baseAddress, $0.count, format(options.format), Int32(options.quality), resize(options.resize),
                                   Int32(options.size), output, length, width, height, error, errorSize)
            }
        }
        defer { bm_image_release(image.memory) }
        return (copy(image.memory, image.length), image.width, image.height)
    }

    static func encode(_ image: DecodedImage, options: ImageOptions) throws(ImageError) -> (bytes: [UInt8], width: Int, height: Int) {
        try image.withPixels { pixels in
            Result { () throws(ImageError) in try encode(pixels, width: image.width, height: image.height, options: options) }
        }.get()
    }

    /// Encodes `width * height` sRGB pixels, three bytes each, row by row.
    static func encode(
        _ pixels: UnsafeRawBufferPointer, width pixelWidth: Int, height pixelHeight: Int, options: ImageOptions
    ) throws(ImageError) -> (bytes: [UInt8], width: Int, height: Int) {
        let image = try receiving(failure: ImageError.unencodable) { output, length, width, height, error in
            bm_image_encode_pixels(
                pixels.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(pixelWidth), Int32(pixelHeight), format(options.format),
                Int32(options.quality), resize(options.resize), Int32(options.size), output, length, width, height, error, errorSize)
        }
        defer { bm_image_release(image.memory) }
        return (copy(image.memory, image.length), image.width, image.height)
    }

    /// Calls a shim function that hands back memory of libvips' and the image's size (starting
    /// libvips first), and returns them; the memory is the caller's to release.
    private static func receiving(
        failure: (String) -> ImageError,
        _ body: (
            UnsafeMutablePointer<UnsafeMutableRawPointer?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int32>,
            UnsafeMutablePointer<Int32>, UnsafeMutablePointer<CChar>
        ) -> Int32
    ) throws(ImageError) -> (memory: UnsafeMutableRawPointer?, length: Int, width: Int, height: Int) {
        try start()
        var output: UnsafeMutableRawPointer?
        var length = 0
        var width: Int32 = 0
        var height: Int32 = 0
        try call(failure: failure) { error in body(&output, &length, &width, &height, error) }
        return (output, length, Int(width), Int(height))
    }

    private static func call(failure: (String) -> ImageError, _ body: (UnsafeMutablePointer<CChar>) -> Int32) throws(ImageError) {
        var message = [CChar](repeating: 0, count: errorSize)
        let status = message.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
        guard status == 0 else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // libvips stacks one line per layer that saw the failure, often the same line twice.
            var lines: [Substring] = []
            for line in text.split(whereSeparator: \.isNewline) where !lines.contains(line) { lines.append(line) }
            throw failure(lines.joined(separator: "; "))
        }
    }

    private static func copy(_ pointer: UnsafeMutableRawPointer?, _ length: Int) -> [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }

    private static func format(_ format: ImageOptions.OutputFormat) -> bm_image_format {
        switch format {
        case .jpeg: BM_FORMAT_JPEG
        case .png: BM_FORMAT_PNG
        case .webp: BM_FORMAT_WEBP
        }
    }

    private static func resize(_ resize: ImageOptions.Resize) -> bm_resize_mode {
        switch resize {
        case .none: BM_RESIZE_NONE
        case .keepRatioLargest: BM_RESIZE_KEEP_RATIO_LARGEST
        case .centerCrop: BM_RESIZE_CENTER_CROP
        case .border: BM_RESIZE_BORDER
        }
    }
}

/// An image decoded to 8-bit sRGB: `width * height * 3` bytes, row by row, in memory libvips
/// allocated and this object releases, so the pixels are never copied.
final class DecodedImage {
    private let memory: UnsafeMutableRawPointer?
    private let count: Int
    /// Width in pixels.
    let width: Int
    /// Height in pixels.
    let height: Int

    init(memory: UnsafeMutableRawPointer?, count: Int, width: Int, height: Int) {
        self.memory = memory
        self.count = memory == nil ? 0 : count
        self.width = width
        self.height = height
    }

    deinit {
        bm_image_release(memory)
    }

    /// Calls `body` with the pixels, valid only during the call.
    func withPixels<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: memory, count: count))
    }
}
