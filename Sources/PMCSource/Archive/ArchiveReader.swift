import CLibArchive

/// Streams a `.tar.gz` package entry by entry, or a bare `.gz` file as one byte stream, through
/// libarchive without ever writing to disk. The only code that touches libarchive's pointers.
///
/// Not thread-safe: one reader is used by one task from open to close.
final class ArchiveReader {
    /// What the file holds.
    enum Format {
        /// A tar archive, gzip-compressed or not.
        case tar
        /// A single gzip-compressed stream (S3 inventory CSV files); anything not gzip is refused.
        case gzipStream
    }

    /// One archive member's header.
    struct Entry {
        /// The path as written in the archive, unchecked.
        var path: String
        /// What kind of file the member is.
        var kind: EntryKind
    }

    /// The member kinds the sources tell apart: only regular files are ever read.
    enum EntryKind {
        case regular, directory, symbolicLink, hardLink, other
    }

    private let archive: OpaquePointer
    /// The in-memory input, which libarchive reads in place and so must outlive it.
    private let ownedInput: UnsafeMutableRawBufferPointer?
    private let format: Format
    private let fileName: String
    private var checkedFilter = false

    /// Opens the file at `path`; `fileName` names it in errors.
    init(path: String, format: Format, fileName: String) throws(SourceError) {
        self.archive = try Self.makeArchive(format: format, fileName: fileName)
        self.ownedInput = nil
        self.format = format
        self.fileName = fileName
        // Every stored property is set, so a throw from here on runs `deinit`, which frees the handle.
        guard archive_read_open_filename(archive, path, 64 * 1024) == ARCHIVE_OK else {
            throw .badArchive(file: fileName, reason: Self.errorText(archive))
        }
    }

    /// Opens bytes held in memory; `fileName` names them in errors.
    init(bytes: [UInt8], format: Format, fileName: String) throws(SourceError) {
        self.archive = try Self.makeArchive(format: format, fileName: fileName)
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        input.copyBytes(from: bytes)
        self.ownedInput = input
        self.format = format
        self.fileName = fileName
        guard archive_read_open_memory(archive, input.baseAddress, bytes.count) == ARCHIVE_OK else {
            throw .badArchive(file: fileName, reason: Self.errorText(archive))
        }
    }

    deinit {
        archive_read_free(archive)
        ownedInput?.deallocate()
    }

    /// The next member's header, or nil at the end of the archive.
    func nextEntry() throws(SourceError) -> Entry? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(archive, &entry)
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else {
            throw .badArchive(file: fileName, reason: Self.errorText(archive))
        }
        try checkGzipFilter()
        let path = (archive_entry_pathname_utf8(entry) ?? archive_entry_pathname(entry)).map { String(cString: $0) } ?? ""
        return Entry(path: path, kind: Self.kind(of: entry))
    }

    /// The rest of the current member's bytes; throws `tooLarge` past `limit` bytes.
    func readData(limit: Int) throws(SourceError) -> [UInt8] {
        var result: [UInt8] = []
        while true {
            let chunk = try readChunk(maxBytes: 256 * 1024)
            if chunk.isEmpty { return result }
            result += chunk
            guard result.count <= limit else {
                throw .tooLarge(file: fileName, bytes: result.count, limit: limit)
            }
        }
    }

    /// Up to `maxBytes` more bytes of the current member; empty at its end.
    func readChunk(maxBytes: Int) throws(SourceError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, maxBytes) }
        guard count >= 0 else {
            throw .badArchive(file: fileName, reason: Self.errorText(archive))
        }
        buffer.removeSubrange(Int(count)...)
        return buffer
    }

    /// Skips the rest of the current member without decompressing it into memory.
    func skipData() throws(SourceError) {
        guard archive_read_data_skip(archive) == ARCHIVE_OK else {
            throw .badArchive(file: fileName, reason: Self.errorText(archive))
        }
    }

    /// The raw format takes any bytes, so a bare stream must prove it was gzip (an HTML error page is not).
    private func checkGzipFilter() throws(SourceError) {
        guard format == .gzipStream, !checkedFilter else { return }
        checkedFilter = true
        guard archive_filter_code(archive, 0) == ARCHIVE_FILTER_GZIP else {
            throw .badArchive(file: fileName, reason: "not a gzip file")
        }
    }

    private static func makeArchive(format: Format, fileName: String) throws(SourceError) -> OpaquePointer {
        guard let archive = archive_read_new() else {
            throw .badArchive(file: fileName, reason: "libarchive could not allocate a reader")
        }
        archive_read_support_filter_gzip(archive)
        switch format {
        case .tar: archive_read_support_format_tar(archive)
        case .gzipStream: archive_read_support_format_raw(archive)
        }
        return archive
    }

    private static func kind(of entry: OpaquePointer) -> EntryKind {
        if archive_entry_hardlink(entry) != nil { return .hardLink }
        // The S_IFMT bits of the entry's mode; libarchive's AE_IF* macros do not import into Swift.
        switch archive_entry_filetype(entry) & 0o170000 {
        case 0o100000: return .regular
        case 0o040000: return .directory
        case 0o120000: return .symbolicLink
        default: return .other
        }
    }

    private static func errorText(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unreadable archive"
    }
}
