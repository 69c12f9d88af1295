import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file under a temporary name, `PATH.PID.partial`, syncs it, renames it into place
/// and syncs the folder, so that a reader sees the old file or the new one, never half of one, and
/// a crash leaves at worst a `.partial` file beside it. Two processes writing one path each write
/// their own temporary file: the last rename wins, whole.
///
/// The rename replaces a file but never a folder: a path that names a folder fails, leaving the
/// folder and everything in it as they were (Foundation's `.atomic` writes and a remove-then-move
/// would not).
public enum AtomicFile {
    /// The temporary name of `path` while this process writes it.
    public static func partialPath(of path: String) -> String { "\(path).\(getpid()).partial" }

    /// The name a temporary file named `name` is written for (`NAME.PID.partial` or
    /// `NAME.partial` -> `NAME`); nil for a name that is not a temporary one.
    public static func finalName(ofPartial name: some StringProtocol) -> String? {
        guard name.hasSuffix(".partial") else { return nil }
        let stem = name.dropLast(".partial".count)
        guard let dot = stem.lastIndex(of: "."), stem[stem.index(after: dot)...].allSatisfy(\.isNumber),
              stem.index(after: dot) != stem.endIndex
        else { return String(stem) }
        return String(stem[..<dot])
    }

    /// Writes `bytes` to `path`.
    public static func write(_ bytes: some DataProtocol, to path: String) throws(AtomicFileError) {
        let partial = partialPath(of: path)
        let descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .failed(path: partial, reason: String(cString: strerror(errno))) }
        var cause: Int32 = 0
        for region in bytes.regions where cause == 0 {
            cause = region.withUnsafeBytes { writeAll($0, to: descriptor) }
        }
        if cause == 0 && fsync(descriptor) != 0 { cause = errno }
        close(descriptor)
        guard cause == 0 else {
            unlink(partial)
            throw .failed(path: partial, reason: String(cString: strerror(cause)))
        }
        guard rename(partial, path) == 0 else {
            let reason = errno == EISDIR || errno == ENOTEMPTY ? "it is a folder" : String(cString: strerror(errno))
            unlink(partial)
            throw .failed(path: path, reason: reason)
        }
        syncFolder(of: path)
    }

    /// Deletes the file at `path` if there is one; never a folder.
    public static func removeFile(_ path: String) {
        _ = unlink(path)
    }

    /// Syncs the folder holding `path`, so that a rename in it survives a power loss.
    public static func syncFolder(of path: String) {
        let folder = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return }
        _ = fsync(folder)
        close(folder)
    }
}

/// Writes all of `buffer` to `descriptor`; returns 0, or the `errno` of the failure.
private func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < buffer.count {
        let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if count < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += count
    }
    return 0
}

/// Why `AtomicFile.write` failed: the file and the cause.
public enum AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be written or put in place.
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .failed(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
