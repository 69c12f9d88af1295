/// An image ready to be written into a shard, with the facts the sample records about it.
public struct ProcessedImage: Sendable {
    /// The bytes to store.
    public var bytes: [UInt8]
    /// The file extension of `bytes` (`jpg`, `png`, `webp`).
    public var fileExtension: String
    /// The stored image's width.
    public var width: Int
    /// The stored image's height.
    public var height: Int
    /// The source image's header.
    public var source: ImageHeader
    /// True when `bytes` are the source bytes unchanged.
    public var keptOriginal: Bool
    /// SHA-256 of `bytes`, lowercase hex.
    public var sha256: String
    /// The 64-bit perceptual hash of `thumbnail`, 16 lowercase hex digits.
    public var perceptualHash: String
    /// The image with its longer side `ImageProcessor.thumbnailSize`, from the one decode.
    public var thumbnail: RGBThumbnail
}
