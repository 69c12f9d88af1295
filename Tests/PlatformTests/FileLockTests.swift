import Foundation
import Platform
import Testing

/// The kernel's name for this machine, as a lock's holder records it.
func hostName() -> String {
    var name = [CChar](repeating: 0, count: 256)
    gethostname(&name, name.count - 1)
    return String(cString: name)
}

@Suite("Advisory file locks")
struct FileLockTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("file-lock-\(UUID().uuidString)")

    func path() throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("lock").path
    }

    @Test("a writer excludes a second writer and readers, and names itself")
    func writerIsAlone() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try path()
        let writer = try FileLock.acquireNow(path, mode: .exclusive)
        #expect(throws: FileLockError.held(path: path, holder: .writer(pid: getpid(), host: hostName()))) {
            try FileLock.acquireNow(path, mode: .exclusive)
        }
        #expect(throws: FileLockError.held(path: path, holder: .writer(pid: getpid(), host: hostName()))) {
            try FileLock.acquireNow(path, mode: .shared)
        }
        writer.release()
        let next = try FileLock.acquireNow(path, mode: .exclusive)
        next.release()
    }

    @Test("readers share the lock and keep a writer out")
    func readersShare() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try path()
        let first = try FileLock.acquireNow(path, mode: .shared)
        let second = try FileLock.acquireNow(path, mode: .shared)
        #expect(throws: FileLockError.held(path: path, holder: .readers)) { try FileLock.acquireNow(path, mode: .exclusive) }
        first.release()
        second.release()
        try FileLock.acquireNow(path, mode: .exclusive).release()
    }

    @Test("a waiting writer gets the lock once its holder lets go")
    func waiterGetsTheLock() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try path()
        let holder = try FileLock.acquireNow(path, mode: .exclusive)
        let waiting = Task { try await FileLock.acquire(path, mode: .exclusive, wait: true) }
        try await Task.sleep(for: .milliseconds(300))
        holder.release()
        let lock = try await waiting.value
        #expect(lock.mode == .exclusive)
        lock.release()
    }

    @Test("a lock file deleted by its holder is not locked by whoever waited on it: they lock the new one")
    func deletedLockFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try path()
        let holder = try FileLock.acquireNow(path, mode: .exclusive)
        let waiting = Task { try await FileLock.acquire(path, mode: .exclusive, wait: true) }
        try await Task.sleep(for: .milliseconds(200))
        try FileManager.default.removeItem(atPath: path)
        let third = try FileLock.acquireNow(path, mode: .exclusive)
        holder.release()
        try await Task.sleep(for: .milliseconds(800))
        #expect(throws: FileLockError.self, "the third holds the file at the path") { try FileLock.acquireNow(path, mode: .shared) }
        third.release()
        let lock = try await waiting.value
        lock.release()
    }

    @Test("a lock held by a process that died is free")
    func killedHolderReleases() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try path()
        // flock(1) takes the lock and becomes `sleep`, which holds it until it is killed.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        child.arguments = ["--no-fork", "--exclusive", path, "sleep", "60"]
        try child.run()
        // Up to 30 s for the child to start: a loaded machine once took more than 5.
        var held = false
        for _ in 0..<300 where !held {
            try await Task.sleep(for: .milliseconds(100))
            held = (try? FileLock.acquireNow(path, mode: .exclusive).release()) == nil
        }
        #expect(held, "the child took the lock")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        try FileLock.acquireNow(path, mode: .exclusive).release()
    }
}
