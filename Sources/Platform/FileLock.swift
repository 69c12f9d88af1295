import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on a file (`flock`), held until `release()` or until the process ends, however
/// it ends: a run killed with `kill -9` leaves nothing to clean up.
///
/// Writers hold it exclusively and write their PID and host into the file, so that a second writer
/// can say who holds it; readers hold it shared, beside one another. On a local file system `flock`
/// locks belong to the open file, so two locks taken by one process conflict as two processes'
/// would. On NFS, Linux emulates `flock` with POSIX locks, which the server arbitrates between
/// machines but which do not conflict within one process; Lustre needs its `flock` mount option.
public final class FileLock: Sendable {
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
    /// The open lock file; -1 once released.
    private let descriptor: Mutex<Int32>

    private init(path: String, mode: Mode, descriptor: Int32) {
        self.path = path
        self.mode = mode
        self.descriptor = Mutex(descriptor)
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
        // A failed try can meet a lock let go since, or another process's brief look at who holds
        // it: a few more tries tell those from a holder that stays.
        for _ in 0..<10 {
            if let lock = try attempt(path, mode: mode) { return lock }
            if let writer = writer(of: path) { throw .held(path: path, holder: writer) }
            usleep(2_000)
        }
        throw .held(path: path, holder: .readers)
    }

    /// Lets the lock go; later calls do nothing.
    public func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            if mode == .exclusive { _ = ftruncate(descriptor, 0) }
            _ = flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }

    /// The lock, or nil when another process holds it.
    ///
    /// The file locked must still be the one at `path` once locked: a holder may delete the lock
    /// file (a failed run emptying the folder it made), and whoever locked the deleted file
    /// meanwhile holds nothing that the next process would see, so it opens the path again.
    private static func attempt(_ path: String, mode: Mode) throws(FileLockError) -> FileLock? {
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else { throw .unavailable(path: path, reason: String(cString: strerror(errno)), code: errno) }
            guard flock(descriptor, (mode == .exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
                let cause = errno
                close(descriptor)
                if cause == EWOULDBLOCK { return nil }
                throw .unavailable(path: path, reason: String(cString: strerror(cause)), code: cause)
            }
            var locked = stat()
            var named = stat()
            guard fstat(descriptor, &locked) == 0, lstat(path, &named) == 0, locked.st_dev == named.st_dev, locked.st_ino == named.st_ino else {
                close(descriptor)
                continue
            }
            if mode == .exclusive { recordHolder(in: descriptor) }
            return FileLock(path: path, mode: mode, descriptor: descriptor)
        }
    }

    /// Writes `PID HOST` into the lock file, for the next writer's message.
    private static func recordHolder(in descriptor: Int32) {
        var name = [CChar](repeating: 0, count: 256)
        // The kernel's name: asking the resolver could hang on a compute node without DNS.
        let host = gethostname(&name, name.count - 1) == 0 ? String(cString: name) : "?"
        let text = Array("\(getpid()) \(host)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The writer that holds the lock on `path`, as its file names it; nil when no writer does
    /// (readers hold it, or nobody does any more).
    private static func writer(of path: String) -> FileLockError.Holder? {
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
    /// The lock file cannot be created, opened or locked: why, and the `errno` that said so.
    case unavailable(path: String, reason: String, code: Int32)

    /// True when the lock cannot be had because the file system is read-only or the file not
    /// ours to write: a reader of a published copy may go on without one.
    public var isReadOnlyPlace: Bool {
        if case .unavailable(_, _, let code) = self { return code == EROFS || code == EACCES || code == EPERM }
        return false
    }

    public var description: String {
        switch self {
        case .held(let path, .writer(let pid, let host)):
            let who = pid.map { "process \($0)" + (host.map { " on \($0)" } ?? "") } ?? "another process"
            return "\(path) is held by \(who)"
        case .held(let path, .readers):
            return "\(path) is held by readers"
        case .unavailable(let path, let reason, _):
            return "cannot lock \(path): \(reason)"
        }
    }
}
