/// Why an image could not be used. Each case says what was wrong with the bytes.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not in any format libvips reads (an HTML page, garbage, an empty file).
    case notAnImage(reason: String)
    /// The bytes are in a format the pipeline does not load (SVG, PDF, PPM...): only JPEG, PNG,
    /// GIF, TIFF and WebP are, whatever the file's name says.
    case unsupportedFormat(reason: String)
    /// The header declares more pixels than the limit: refused before decoding.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The header was readable but the pixels were not (truncated or corrupt data).
    case undecodable(reason: String)
    /// Writing the output image failed.
    case unencodable(reason: String)

    /// A short stable name, as the catalog records it.
    public var kind: String {
        switch self {
        case .notAnImage: "not-an-image"
        case .unsupportedFormat: "unsupported-format"
        case .tooManyPixels: "too-many-pixels"
        case .undecodable: "undecodable-image"
        case .unencodable: "unencodable-image"
        }
    }

    public var description: String {
        switch self {
        case .notAnImage(let reason): "not an image: \(reason)"
        case .unsupportedFormat(let reason): "not a JPEG, PNG, GIF, TIFF or WebP image: \(reason)"
        case .tooManyPixels(let width, let height, let limit):
            "\(width)x\(height) is \(width * height) pixels, over the limit of \(limit); not decoded"
        case .undecodable(let reason): "cannot decode: \(reason)"
        case .unencodable(let reason): "cannot encode: \(reason)"
        }
    }
}
