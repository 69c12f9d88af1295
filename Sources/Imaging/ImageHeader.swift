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

/// The encoded formats the pipeline meets.
public enum ImageFormat: String, Sendable, Equatable, CaseIterable {
    case jpeg, png, gif, tiff, webp
    /// Anything else libvips reads.
    case other

    /// The format of libvips' loader class name (`VipsForeignLoadJpegBuffer` is JPEG).
    init(loader: String) {
        let name = loader.lowercased()
        self = Self.allCases.first { $0 != .other && name.contains($0.rawValue) } ?? .other
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
