/// What an image's header says, read without decoding its pixels.
public struct ImageHeader: Sendable, Equatable {
    /// The encoded format.
    public var format: ImageFormat
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Channels, alpha included.
    public var bands: Int
    /// The colour space.
    public var colourSpace: ColourSpace

    /// Creates a header.
    public init(format: ImageFormat, width: Int, height: Int, bands: Int, colourSpace: ColourSpace) {
        self.format = format
        self.width = width
        self.height = height
        self.bands = bands
        self.colourSpace = colourSpace
    }

    /// Width times height.
    public var pixels: Int { width * height }
}

/// The encoded formats the pipeline loads; no other is ever given to a decoder.
public enum ImageFormat: String, Sendable, Equatable, CaseIterable {
    case jpeg, png, gif, tiff, webp

    /// The format the bytes' signature names, nil for any other: what a file holds, whatever its
    /// name says.
    init?(signature bytes: [UInt8]) {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            self = .gif
        } else if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
            self = .tiff
        } else if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else {
            return nil
        }
    }

    /// What the first bytes of a file that is in none of the formats look like, for its error.
    static func describeUnknown(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(8)
        if head.isEmpty { return "the file is empty" }
        if head.allSatisfy({ (0x20...0x7E).contains($0) }) { return "it starts with \"\(String(decoding: head, as: UTF8.self))\"" }
        return "it starts with bytes " + head.map { String(format: "%02x", $0) }.joined(separator: " ")
    }
}

/// The colour spaces that decide whether bytes can be kept as they are.
public enum ColourSpace: String, Sendable, Equatable {
    case srgb, grayscale, cmyk
    /// Anything else (Lab, 16-bit RGB, ...): converted to sRGB when re-encoding.
    case other

    /// From the shim's `bm_colour_space` number.
    init(shimValue value: Int32) {
        switch value {
        case 0: self = .srgb
        case 1: self = .grayscale
        case 2: self = .cmyk
        default: self = .other
        }
    }
}
