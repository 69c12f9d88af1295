import Foundation
import Platform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes samples into numbered tar shards `DIR/000000.tar`, `DIR/000001.tar`, ...
///
/// A shard is written as `NNNNNN.tar.partial`, synced, and renamed only when complete, so a
/// reader never mistakes a half-written shard for a finished one, and a resumed run finds it. A new shard
/// starts when the current one would exceed `maxSamples` or `maxBytes`. Keys must be unique within
/// one writer; they are remembered in memory (about 100 bytes per sample).
public final class ShardWriter {
    /// The output folder.
    public let directory: URL
    /// The cutting rules and header mtime.
    public let options: ShardWriterOptions
    /// Shards finished so far, in order.
    public private(set) var completed: [ShardResult] = []
    /// The stamp of each shard file finished so far, by name.
    public private(set) var stamps: [String: ShardStamp] = [:]

    private struct OpenShard {
        var number: Int
        var handle: FileHandle
        var tar: TarWriter
        var samples: Int
    }

    private var current: OpenShard?
    private var nextNumber: Int
    private var keys = Set<String>()
    private var isClosed = false

    /// Creates a writer, making `directory` if needed.
    public init(directory: URL, options: ShardWriterOptions = ShardWriterOptions()) throws {
        guard options.maxSamples >= 1 else { throw WebDatasetError.invalidOptions("maxSamples must be at least 1") }
        guard options.maxBytes >= 1 else { throw WebDatasetError.invalidOptions("maxBytes must be at least 1") }
        guard options.firstShardNumber >= 0 else { throw WebDatasetError.invalidOptions("firstShardNumber must not be negative") }
        guard options.modificationTime >= 0, options.modificationTime <= TarHeader.maxOctal11 else {
            throw WebDatasetError.invalidModificationTime(options.modificationTime)
        }
        self.directory = directory
        self.options = options
        self.nextNumber = options.firstShardNumber
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw WebDatasetError.io(path: directory.path, reason: ErrorText.describe(error))
        }
    }

    /// Continues where a writer stood at `position` (saved by `checkpoint()`): the open shard is
    /// cut back to the bytes synced then (a shard finished since is reopened) and any later shard
    /// is deleted, so the run goes on to write exactly what an uninterrupted one would.
    /// - Throws: `WebDatasetError` when a finished shard is missing or changed since (see
    ///   `ShardWriterPosition.firstChangedShard`), the open one included when it was closed and
    ///   stamped: a dataset finished, then changed on disk.
    public convenience init(directory: URL, options: ShardWriterOptions = ShardWriterOptions(), resumingFrom position: ShardWriterPosition) throws {
        try self.init(directory: directory, options: options)
        var position = position
        let closedName = ShardWriter.shardName(position.openNumber)
        let wasClosed = position.openBytes > 0 && position.stamps?[closedName] != nil
            && !FileManager.default.fileExists(atPath: partialURL(position.openNumber).path)
        if let changed = position.firstChangedShard(in: directory, closed: wasClosed) {
            throw WebDatasetError.io(
                path: directory.appendingPathComponent(changed).path, reason: "a finished shard is missing or changed since the checkpoint")
        }
        completed = position.completed
        stamps = position.stamps ?? [:]
        nextNumber = position.openNumber
        try removeShards(from: position.openBytes > 0 ? position.openNumber + 1 : position.openNumber)
        guard position.openBytes > 0 else { return }
        let partial = partialURL(position.openNumber)
        let fm = FileManager.default
        if !fm.fileExists(atPath: partial.path), fm.fileExists(atPath: finalURL(position.openNumber).path) {
            guard rename(finalURL(position.openNumber).path, partial.path) == 0 else {
                throw WebDatasetError.io(path: partial.path, reason: "cannot reopen: \(String(cString: strerror(errno)))")
            }
        }
        do {
            let reader = try FileHandle(forReadingFrom: partial)
            defer { try? reader.close() }
            let handle = try FileHandle(forWritingTo: partial)
            guard try handle.seekToEnd() >= UInt64(position.openBytes) else {
                throw WebDatasetError.io(path: partial.path, reason: "shorter than the \(position.openBytes) bytes recorded")
            }
            try handle.truncate(atOffset: UInt64(position.openBytes))
            try handle.seekToEnd()
            let tar = try TarWriter(
                fileHandle: handle, modificationTime: options.modificationTime,
                continuing: FileChunks(handle: reader, length: position.openBytes))
            // Open again, it is not finished: its stamp goes until it is.
            stamps[closedName] = nil
            current = OpenShard(number: position.openNumber, handle: handle, tar: tar, samples: position.openSamples)
            nextNumber = position.openNumber + 1
        } catch let error as WebDatasetError {
            throw error
        } catch {
            throw WebDatasetError.io(path: partial.path, reason: ErrorText.describe(error))
        }
    }

    deinit {
        // A writer dropped without close() (a run stopped by an error) leaves its shard under the
        // partial name, never the final one: a resumed run cuts it back to its last checkpoint.
        try? current?.handle.close()
    }

    /// The file name of shard `number`: six digits (more once past 999999), then `.tar`.
    public static func shardName(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".tar"
    }

    /// The number of the shard named `name`: the inverse of `shardName(_:)`, nil for another name.
    public static func shardNumber(of name: String) -> Int? {
        guard name.hasSuffix(".tar") else { return nil }
        return Int(name.dropLast(4))
    }

    /// Validates `sample` and appends it, starting a new shard first when the current one is full.
    /// A sample that fails validation changes nothing, and the writer stays usable.
    public func write(_ sample: WebDatasetSample) throws {
        guard !isClosed else { throw WebDatasetError.closed }
        try SampleValidator.validate(sample)
        guard !keys.contains(sample.key) else { throw WebDatasetError.duplicateKey(sample.key) }
        do {
            if startsNewShard(sample) {
                try finishCurrent()
            }
            if current == nil { try openShard() }
            let tar = current!.tar
            for member in sample.members {
                try tar.append(name: "\(sample.key).\(member.ext)", contents: member.data)
            }
            current!.samples += 1
            keys.insert(sample.key)
        } catch {
            // After a file-system failure the shard's contents are unknown: drop it and stop.
            abandon()
            throw error
        }
    }

    /// The name of the shard `sample` would go into if written now: lets a sample name its own
    /// shard in its metadata (the name's length never depends on which shard it is).
    public func shardName(for sample: WebDatasetSample) -> String {
        ShardWriter.shardName(current.map { startsNewShard(sample) ? nextNumber : $0.number } ?? nextNumber)
    }

    /// The name of the shard the last sample went into, nil before the first.
    public var currentShardName: String? {
        current.map { ShardWriter.shardName($0.number) } ?? completed.last?.name
    }

    /// Writes out what is buffered and syncs the open shard, then returns the position a later
    /// run can resume from.
    public func checkpoint() throws -> ShardWriterPosition {
        guard let open = current else {
            return ShardWriterPosition(completed: completed, openNumber: nextNumber, stamps: stamps)
        }
        do {
            try open.tar.flush()
            try open.handle.synchronize()
        } catch {
            throw WebDatasetError.io(path: partialURL(open.number).path, reason: ErrorText.describe(error))
        }
        return ShardWriterPosition(
            completed: completed, openNumber: open.number, openBytes: open.tar.bytesWritten, openSamples: open.samples,
            stamps: stamps)
    }

    /// Finishes the last shard and returns every shard written. Writing afterwards throws.
    @discardableResult
    public func close() throws -> [ShardResult] {
        guard !isClosed else { return completed }
        do {
            try finishCurrent()
        } catch {
            abandon()
            throw error
        }
        isClosed = true
        return completed
    }

    /// Deletes the shard being written (finished shards stay) and closes the writer.
    public func abandon() {
        if let current {
            try? current.handle.close()
            try? FileManager.default.removeItem(at: partialURL(current.number))
        }
        current = nil
        isClosed = true
    }

    private func finalURL(_ number: Int) -> URL {
        directory.appendingPathComponent(ShardWriter.shardName(number))
    }

    private func partialURL(_ number: Int) -> URL {
        directory.appendingPathComponent(ShardWriter.shardName(number) + ".partial")
    }

    /// True when `sample` does not fit the open shard, by sample count or bytes.
    private func startsNewShard(_ sample: WebDatasetSample) -> Bool {
        guard let open = current else { return false }
        let size = sample.members.reduce(0) { $0 + TarWriter.entrySize(contentLength: $1.data.count) }
        return open.samples >= options.maxSamples
            || open.tar.bytesWritten + size + TarWriter.endOfArchiveSize > options.maxBytes
    }

    /// Deletes finished and partial shards numbered `first` or above: left by a run that was cut short.
    private func removeShards(from first: Int) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw WebDatasetError.io(path: directory.path, reason: ErrorText.describe(error))
        }
        for name in names {
            let stem = name.hasSuffix(".tar.partial") ? name.dropLast(12) : name.hasSuffix(".tar") ? name.dropLast(4) : ""
            guard let number = Int(stem), number >= first else { continue }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    private func openShard() throws {
        let url = partialURL(nextNumber)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw WebDatasetError.io(path: url.path, reason: "cannot create file")
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw WebDatasetError.io(path: url.path, reason: ErrorText.describe(error))
        }
        let tar = try TarWriter(fileHandle: handle, modificationTime: options.modificationTime)
        current = OpenShard(number: nextNumber, handle: handle, tar: tar, samples: 0)
        nextNumber += 1
    }

    private func finishCurrent() throws {
        guard let open = current else { return }
        let partial = partialURL(open.number)
        let final = finalURL(open.number)
        do {
            let (bytes, md5) = try open.tar.finish()
            // Sync before the rename so a crash cannot leave a complete name over incomplete data.
            try open.handle.synchronize()
            try open.handle.close()
            current = nil
            guard rename(partial.path, final.path) == 0 else {
                throw WebDatasetError.io(path: final.path, reason: "rename failed: \(String(cString: strerror(errno)))")
            }
            completed.append(ShardResult(name: final.lastPathComponent, samples: open.samples, bytes: bytes, md5: md5))
            stamps[final.lastPathComponent] = ShardStamp.of(final, md5: md5)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw (error as? WebDatasetError) ?? WebDatasetError.io(path: partial.path, reason: ErrorText.describe(error))
        }
    }
}

/// The first `length` bytes of a file, a megabyte at a time.
private struct FileChunks: Sequence, IteratorProtocol {
    let handle: FileHandle
    var remaining: Int

    init(handle: FileHandle, length: Int) {
        self.handle = handle
        self.remaining = length
    }

    mutating func next() -> [UInt8]? {
        guard remaining > 0, let data = try? handle.read(upToCount: Swift.min(remaining, 1 << 20)), !data.isEmpty else { return nil }
        remaining -= data.count
        return [UInt8](data)
    }
}
