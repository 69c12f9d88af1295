/// Why a tar entry, a sample or a shard could not be written or read.
public enum WebDatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A tar member name is empty, holds a NUL byte, or is not UTF-8.
    case invalidName(String)
    /// A tar member name is too long for ustar: over 100 bytes with no `/` that splits it into a
    /// prefix of at most 155 bytes and a name of at most 100.
    case nameTooLong(String, bytes: Int)
    /// A file is too large for the 11 octal digits of a ustar size field (8 GiB).
    case entryTooLarge(String, bytes: Int)
    /// The modification time does not fit a ustar header (negative or 8^11 seconds or more).
    case invalidModificationTime(Int)
    /// A sample key is empty, holds `.` or `/`, or makes a member name too long.
    case invalidKey(String, reason: String)
    /// A key was already written by this shard writer.
    case duplicateKey(String)
    /// A member extension is empty, has characters outside `[A-Za-z0-9_.-]`, or repeats in a sample.
    case invalidExtension(key: String, ext: String, reason: String)
    /// A sample has no members.
    case emptySample(String)
    /// Writer options are unusable (for example `maxSamples` below 1).
    case invalidOptions(String)
    /// The writer was used after `close()`.
    case closed
    /// A tar header failed validation while reading.
    case corruptHeader(offset: Int, reason: String)
    /// The archive ended in the middle of an entry.
    case truncated(offset: Int)
    /// A member name would escape the extraction folder (`..` component or absolute path).
    case unsafeName(String)
    /// An entry type the reader does not handle (links, devices, pax or GNU extensions).
    case unsupportedEntryType(name: String, type: UInt8)
    /// Two members of one sample have the same extension (webdataset rejects this too).
    case duplicateMember(key: String, ext: String)
    /// The file system refused an operation.
    case io(path: String, reason: String)

    /// A one-line message naming the file, key or byte offset at fault.
    public var description: String {
        switch self {
        case .invalidName(let name): "invalid tar member name \(name.debugDescription)"
        case .nameTooLong(let name, let bytes):
            "tar member name of \(bytes) bytes cannot be stored in ustar (max 100, or 255 split at a '/' into 155 + 100): \(name.debugDescription)"
        case .entryTooLarge(let name, let bytes): "tar member \(name.debugDescription) has \(bytes) bytes; ustar allows under 8 GiB"
        case .invalidModificationTime(let time): "modification time \(time) does not fit a ustar header"
        case .invalidKey(let key, let reason): "invalid sample key \(key.debugDescription): \(reason)"
        case .duplicateKey(let key): "sample key \(key.debugDescription) was already written"
        case .invalidExtension(let key, let ext, let reason): "sample \(key.debugDescription): invalid member extension \(ext.debugDescription): \(reason)"
        case .emptySample(let key): "sample \(key.debugDescription) has no members"
        case .invalidOptions(let reason): "invalid shard writer options: \(reason)"
        case .closed: "the shard writer is closed"
        case .corruptHeader(let offset, let reason): "corrupt tar header at byte \(offset): \(reason)"
        case .truncated(let offset): "tar archive truncated at byte \(offset)"
        case .unsafeName(let name): "unsafe tar member name \(name.debugDescription)"
        case .unsupportedEntryType(let name, let type): "tar member \(name.debugDescription) has unsupported type \(Character(Unicode.Scalar(type)).debugDescription)"
        case .duplicateMember(let key, let ext): "sample \(key.debugDescription) has two \(ext.debugDescription) members"
        case .io(let path, let reason): "\(path): \(reason)"
        }
    }
}
