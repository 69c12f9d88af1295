import Foundation
import Platform

/// Reads the regular-file entries of a ustar archive in order, validating each header.
///
/// Made for our own shards and for plain ustar/GNU archives of regular files: names with `..`
/// components or a leading `/` are rejected (a shard must never write outside its folder when
/// extracted), folders are skipped, and links, devices and pax/GNU long-name entries are refused
/// rather than misread. Each entry's data is read whole; the archive itself is streamed.
public final class TarReader {
    /// One regular file from the archive.
    public struct Entry: Sendable, Equatable {
        /// The member's full path (`prefix/name` when the ustar prefix is used).
        public var name: String
        /// The member's bytes.
        public var data: Data
        /// The header's modification time, seconds since 1970.
        public var modificationTime: Int
    }

    private let handle: FileHandle
    private let ownsHandle: Bool
    private var offset = 0
    private var ended = false

    /// Reads from an open handle positioned at the archive's start; the caller closes it.
    public init(fileHandle: FileHandle) {
        self.handle = fileHandle
        self.ownsHandle = false
    }

    /// Opens the archive at `url`.
    public init(url: URL) throws {
        do {
            self.handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw WebDatasetError.io(path: url.path, reason: ErrorText.describe(error))
        }
        self.ownsHandle = true
    }

    deinit {
        if ownsHandle { try? handle.close() }
    }

    /// The next regular file, or nil at the end of the archive.
    public func next() throws -> Entry? {
        while !ended {
            let headerOffset = offset
            let block = try read(TarHeader.blockSize)
            guard block.count == TarHeader.blockSize else {
                // A file ending exactly on a block boundary without end blocks is accepted, like GNU tar does.
                if block.isEmpty { ended = true; return nil }
                throw WebDatasetError.truncated(offset: headerOffset)
            }
            guard let header = try TarHeader.decode(block, offset: headerOffset) else {
                ended = true
                return nil
            }
            guard let name = String(validating: header.path, as: UTF8.self) else {
                throw WebDatasetError.corruptHeader(offset: headerOffset, reason: "name is not UTF-8")
            }
            try TarReader.checkSafe(name)
            let data = try read(header.size)
            guard data.count == header.size else { throw WebDatasetError.truncated(offset: offset) }
            let padding = (TarHeader.blockSize - header.size % TarHeader.blockSize) % TarHeader.blockSize
            guard try read(padding).count == padding else { throw WebDatasetError.truncated(offset: offset) }
            switch header.typeFlag {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                return Entry(name: name, data: Data(data), modificationTime: header.modificationTime)
            case UInt8(ascii: "5"):
                continue  // folders carry no sample data
            default:
                throw WebDatasetError.unsupportedEntryType(name: name, type: header.typeFlag)
            }
        }
        return nil
    }

    /// Every remaining entry.
    public func readAll() throws -> [Entry] {
        var entries: [Entry] = []
        while let entry = try next() { entries.append(entry) }
        return entries
    }

    /// Rejects absolute names and `..` components.
    static func checkSafe(_ name: String) throws {
        if name.hasPrefix("/") { throw WebDatasetError.unsafeName(name) }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            throw WebDatasetError.unsafeName(name)
        }
    }

    private func read(_ count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: count - out.count)
            } catch {
                throw WebDatasetError.io(path: "tar archive", reason: ErrorText.describe(error))
            }
            guard let chunk, !chunk.isEmpty else { break }
            out.append(contentsOf: chunk)
        }
        offset += out.count
        return out
    }
}
