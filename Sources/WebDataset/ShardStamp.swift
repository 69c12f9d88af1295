import Crypto
import Foundation
import PMCModel

/// How a finished shard file was when its writer finished it: its modification time and MD5. A
/// later run that finds another time reads the file and compares MD5s before it counts the shard
/// as done, so a shard changed since (copied over, truncated, edited) is never taken for the one
/// written, while an unchanged one costs one `stat`.
public struct ShardStamp: Sendable, Equatable, Codable {
    /// The file's modification time, nanoseconds since 1970.
    public var modified: Int64
    /// The file's MD5, lowercase hex.
    public var md5: String

    /// A stamp.
    public init(modified: Int64, md5: String) {
        self.modified = modified
        self.md5 = md5
    }

    /// The stamp of the file at `url` as it is now, given its MD5; nil when it cannot be read.
    public static func of(_ url: URL, md5: String) -> ShardStamp? {
        modificationTime(of: url).map { ShardStamp(modified: $0, md5: md5) }
    }

    /// The stamp of the file at `url` when it is the one stamped: the same modification time, or
    /// failing that the same MD5 (then with the file's time); nil when it is another file.
    public func checked(fileAt url: URL) -> ShardStamp? {
        guard let time = Self.modificationTime(of: url) else { return nil }
        if time == modified { return self }
        return Self.md5(of: url) == md5 ? ShardStamp(modified: time, md5: md5) : nil
    }

    /// The modification time of the file at `url`, in nanoseconds since 1970.
    static func modificationTime(of url: URL) -> Int64? {
        guard let date = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date else { return nil }
        return Int64((date.timeIntervalSince1970 * 1e9).rounded())
    }

    /// The MD5 of the file at `url`, read a few megabytes at a time; nil when it cannot be read.
    public static func md5(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hash = Insecure.MD5()
        do {
            // nil, or an empty chunk, at the end of the file.
            while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
                hash.update(data: chunk)
            }
        } catch {
            return nil
        }
        return hash.finalize().lowercaseHex
    }
}
