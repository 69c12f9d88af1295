import Foundation

/// Writes a POSIX ustar archive to a file handle, one entry at a time.
///
/// The output is deterministic: every header field except name and size is fixed (mode 0644,
/// uid/gid 0, empty owner names, `modificationTime` for every entry), so the same entries give the
/// same bytes on any machine. Nothing but a small write buffer is held in memory.
public final class TarWriter {
    /// The size of a tar block; headers and data are padded to it.
    public static let blockSize = 512

    private let output: HashingOutput
    private let modificationTime: Int
    private var finished = false

    /// Bytes written so far, end-of-archive blocks included once `finish()` has run.
    public var bytesWritten: Int { output.count }

    /// Creates a writer appending to `fileHandle` (which the caller opens and closes).
    /// - Parameter modificationTime: seconds since 1970 stored in every header; fixed so output is reproducible.
    public init(fileHandle: FileHandle, modificationTime: Int = 0) throws {
        guard modificationTime >= 0, modificationTime <= TarHeader.maxOctal11 else {
            throw WebDatasetError.invalidModificationTime(modificationTime)
        }
        self.output = HashingOutput(handle: fileHandle)
        self.modificationTime = modificationTime
    }

    /// Continues an archive whose first `existing.count` bytes are already in the file behind
    /// `fileHandle` (positioned at their end): they are counted and hashed, not written again.
    public convenience init(fileHandle: FileHandle, modificationTime: Int = 0, continuing existing: some Sequence<[UInt8]>) throws {
        try self.init(fileHandle: fileHandle, modificationTime: modificationTime)
        for chunk in existing {
            chunk.withUnsafeBytes { output.absorbExisting($0) }
        }
    }

    /// Writes out the buffered bytes, so that syncing the file handle makes them durable.
    public func flush() throws {
        try output.flush()
    }

    /// The bytes one entry takes in the archive: its header plus its data padded to a block.
    public static func entrySize(contentLength: Int) -> Int {
        blockSize + paddedLength(contentLength)
    }

    /// The bytes `finish()` appends: two zero blocks.
    public static let endOfArchiveSize = 2 * blockSize

    /// Appends a regular file named `name` (split into ustar prefix and name when over 100 bytes).
    public func append(name: String, contents: some ContiguousBytes) throws {
        precondition(!finished, "TarWriter.append after finish")
        let (prefix, shortName) = try TarHeader.split(path: name)
        try contents.withUnsafeBytes { bytes in
            guard bytes.count <= TarHeader.maxOctal11 else {
                throw WebDatasetError.entryTooLarge(name, bytes: bytes.count)
            }
            let header = TarHeader(prefix: prefix, name: shortName, size: bytes.count, modificationTime: modificationTime)
            try output.write(header.encoded())
            try output.write(bytes)
            try output.writeZeros(TarWriter.paddedLength(bytes.count) - bytes.count)
        }
    }

    /// Checks that `name` can be stored, without writing anything.
    public static func validate(name: String) throws {
        _ = try TarHeader.split(path: name)
    }

    /// Writes the two zero blocks that end the archive, flushes, and returns the archive's size
    /// and MD5 (hex). The handle is left open for the caller to sync and close.
    public func finish() throws -> (bytes: Int, md5: String) {
        precondition(!finished, "TarWriter.finish called twice")
        finished = true
        try output.writeZeros(TarWriter.endOfArchiveSize)
        let md5 = try output.finish()
        return (output.count, md5)
    }

    private static func paddedLength(_ length: Int) -> Int {
        (length + blockSize - 1) / blockSize * blockSize
    }
}
