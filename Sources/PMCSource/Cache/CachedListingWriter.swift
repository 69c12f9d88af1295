import Foundation

/// Records a source's listing in the cache as a fetch lists it. The lines go to a temporary file
/// that replaces the recorded listing only when `finish()` is called, so a fetch killed midway
/// leaves the previous listing (or none) in place, never a cut one.
public final class CachedListingWriter {
    private let folder: URL
    private let origin: CachedListing.Origin
    private let temporary: String
    private let handle: FileHandle
    private let encoder = JSONEncoder()
    private var buffer: [UInt8] = []

    /// A writer for the listing of the source `sourceKey` names.
    init(cache: ContentCache, sourceKey: String, origin: CachedListing.Origin) throws(CacheWriteError) {
        folder = cache.listingFolder(for: sourceKey)
        self.origin = origin
        temporary = cache.temporaryPath(named: "listing")
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CacheWriteError(path: temporary, reason: "cannot create the file")
        }
        self.handle = handle
        encoder.outputFormatting = .sortedKeys
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }

    /// Adds one reference.
    public func append(_ ref: ArticleRef) throws {
        buffer += try encoder.encode(ref)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= LocalFile.chunkSize { try flush() }
    }

    /// Puts the listing in place of the recorded one.
    public func finish() throws(CacheWriteError) {
        try flush()
        let originPath = folder.appendingPathComponent(CachedListing.originName).path
        let originTemporary = temporary + ".origin"
        do {
            try handle.synchronize()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try encoder.encode(origin).write(to: URL(fileURLWithPath: originTemporary))
        } catch {
            throw CacheWriteError(path: folder.path, reason: error.localizedDescription)
        }
        try Self.move(originTemporary, to: originPath)
        try Self.move(temporary, to: folder.appendingPathComponent(CachedListing.articlesName).path)
    }

    private func flush() throws(CacheWriteError) {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CacheWriteError(path: temporary, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// rename(2), which replaces the destination atomically.
    private static func move(_ source: String, to destination: String) throws(CacheWriteError) {
        guard rename(source, destination) == 0 else {
            throw CacheWriteError(path: destination, reason: String(cString: strerror(errno)))
        }
    }
}
