import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on a file (`flock`), held until `release()` or until the process ends, however
/// it ends: a run killed with `kill -9` leaves nothing to clean up.
///
/// Writers hold it exclusively and write their PID and host into the file, so that a second writer
/// can say who holds it; readers hold it shared, beside one another. `flock` locks belong to the
/// open file, so two locks taken by one process on one file conflict as two processes' would.
/// On NFS, Linux takes `flock` as a lock on the whole file, which the server arbitrates; Lustre
/// needs its `flock` mount option.
public final class FileLock: @unchecked Sendable {
    /// How the lock is held.
    public enum Mode: Sendable {
        /// Beside other shared holders: readers.
        case shared
        /// Alone: a writer.
        case exclusive
    }

    /// The lock file.
    public let path: String
    /// How it is held.
    public let mode: Mode
    // Only `release()` and `deinit` touch it, and a lock is released once, by its owner.
    private var descriptor: Int32

    private init(path: String, mode: Mode, descriptor: Int32) {
        self.path = path
        self.mode = mode
        self.descriptor = descriptor
    }

    deinit {
        release()
    }

    /// Takes the lock on `path` (created when absent). When another process holds it in a way that
    /// excludes `mode`, waits for it with `wait` (checking twice a second, and throwing
    /// `CancellationError` when the task is cancelled), or else throws `FileLockError.held` naming
    /// the holder.
    public static func acquire(_ path: String, mode: Mode, wait: Bool) async throws -> FileLock {
        while true {
            do {
                return try acquireNow(path, mode: mode)
            } catch {
                guard wait, case .held = error else { throw error }
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Takes the lock on `path` at once, or throws `FileLockError.held` naming the holder.
    public static func acquireNow(_ path: String, mode: Mode) throws(FileLockError) -> FileLock {
        if let lock = try attempt(path, mode: mode) { return lock }
        guard let holder = holder(of: path) else {
            // Let go of since the first try: one more.
            if let lock = try attempt(path, mode: mode) { return lock }
            throw .held(path: path, holder: .readers)
        }
        throw .held(path: path, holder: holder)
    }

    /// Lets the lock go; later calls do nothing.
    public func release() {
        guard descriptor >= 0 else { return }
        if mode == .exclusive { _ = ftruncate(descriptor, 0) }
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    /// The lock, or nil when another process holds it.
    private static func attempt(_ path: String, mode: Mode) throws(FileLockError) -> FileLock? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .unavailable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, (mode == .exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            let cause = errno
            close(descriptor)
            if cause == EWOULDBLOCK { return nil }
            throw .unavailable(path: path, reason: String(cString: strerror(cause)))
        }
        let lock = FileLock(path: path, mode: mode, descriptor: descriptor)
        if mode == .exclusive { lock.recordHolder() }
        return lock
    }

    /// Writes `PID HOST` into the file, for the next writer's message.
    private func recordHolder() {
        let text = Array("\(getpid()) \(ProcessInfo.processInfo.hostName)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Who holds the lock on `path`: a writer, as its file names it; nil when no writer does
    /// (readers hold it, or nobody does any more).
    private static func holder(of path: String) -> FileLockError.Holder? {
        // A shared lock taken now means no writer holds it.
        if let probe = try? attempt(path, mode: .shared) {
            probe.release()
            return nil
        }
        // A writer writes its name just after taking the lock: give it a moment to.
        var words: [Substring] = []
        for _ in 0..<20 {
            words = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace)
            if !words.isEmpty { break }
            usleep(5_000)
        }
        return .writer(pid: words.first.flatMap { Int32($0) }, host: words.count > 1 ? String(words[1]) : nil)
    }
}

/// Why a `FileLock` could not be taken.
public enum FileLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Who holds a lock.
    public enum Holder: Sendable, Equatable {
        /// A writer, with its PID and host when its file says them.
        case writer(pid: Int32?, host: String?)
        /// One or more readers.
        case readers
    }

    /// Another process holds the lock.
    case held(path: String, holder: Holder)
    /// The lock file cannot be created or opened.
    case unavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .held(let path, .writer(let pid, let host)):
            let who = pid.map { "process \($0)" + (host.map { " on \($0)" } ?? "") } ?? "another process"
            return "\(path) is held by \(who)"
        case .held(let path, .readers):
            return "\(path) is held by readers"
        case .unavailable(let path, let reason):
            return "cannot lock \(path): \(reason)"
        }
    }
}
