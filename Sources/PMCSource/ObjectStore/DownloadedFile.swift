/// What a download wrote: its size and its MD5, computed as the bytes arrived so that a large file
/// need not be read back to be verified.
public struct DownloadedFile: Sendable, Hashable {
    /// The file's length in bytes.
    public var bytes: Int
    /// The MD5 of its bytes, lowercase hex.
    public var md5: String

    /// Describes a downloaded file.
    public init(bytes: Int, md5: String) {
        self.bytes = bytes
        self.md5 = md5
    }
}
