/// Why an article (or a whole source) could not be read. Every case names the file it is about.
public enum SourceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The source as a whole cannot be read.
    case unreachable(source: String, reason: String)
    /// A file the article needs is absent (a 404, a missing tarball, no XML in the package).
    case missingFile(file: String)
    /// The metadata JSON is not valid or lacks a required field.
    case badMetadata(file: String, reason: String)
    /// The package (tarball) is not a readable archive or is cut short.
    case badArchive(file: String, reason: String)
    /// A file is larger than the limit for its kind.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// A transfer failed.
    case transfer(file: String, reason: String)
    /// A file's MD5 differs from the one its source publishes.
    case checksumMismatch(file: String, expected: String, actual: String)
    /// A local source's file that is not read: a link leading out of the source's folder, or not
    /// a regular file (a FIFO, a device, a folder).
    case unsafeFile(file: String, reason: String)

    /// A short stable name for the kind of error, as the catalog records it.
    public var kind: String {
        switch self {
        case .unreachable: "source-unreachable"
        case .missingFile: "missing-file"
        case .badMetadata: "bad-metadata"
        case .badArchive: "bad-archive"
        case .tooLarge: "too-large"
        case .transfer: "transfer"
        case .checksumMismatch: "checksum-mismatch"
        case .unsafeFile: "unsafe-file"
        }
    }

    /// True for failures of the source rather than of the file (unreachable, a failed transfer):
    /// worth retrying later, never worth recording as the file's fault.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .transfer: true
        default: false
        }
    }

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreachable(let source, _): source
        case .missingFile(let file), .badMetadata(let file, _), .badArchive(let file, _),
             .tooLarge(let file, _, _), .transfer(let file, _), .checksumMismatch(let file, _, _), .unsafeFile(let file, _): file
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let source, let reason): "cannot read the source \(source): \(reason)"
        case .missingFile(let file): "\(file): not found"
        case .badMetadata(let file, let reason): "\(file): bad metadata: \(reason)"
        case .badArchive(let file, let reason): "\(file): bad archive: \(reason)"
        case .tooLarge(let file, let bytes, let limit): "\(file): \(bytes) bytes is over the limit of \(limit)"
        case .transfer(let file, let reason): "\(file): transfer failed: \(reason)"
        case .checksumMismatch(let file, let expected, let actual): "\(file): MD5 \(actual) differs from the source's \(expected)"
        case .unsafeFile(let file, let reason): "\(file): not read: \(reason)"
        }
    }
}
