import Crypto
import Foundation
@testable import PMCSource
import Testing

/// The content cache on its own: hits, misses, verification, and leftovers of killed runs.
@Suite struct ContentCacheTests {
    private static let bytes = Array("the figure's bytes".utf8)
    private static let md5 = Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()

    private func file(md5: String?, fingerprint: String = "f1") -> CacheFile {
        CacheFile(key: "PMC1.1/fig1.jpg", md5: md5, role: .media("fig1.jpg"), limit: 1 << 20, source: "test", fingerprint: fingerprint)
    }

    /// A download that writes `bytes` and reports their size and MD5, as the sources' downloads do.
    private func write(_ bytes: [UInt8]) -> (String) async throws(SourceError) -> DownloadedFile {
        { path throws(SourceError) in
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw .transfer(file: path, reason: "cannot write") }
            return DownloadedFile(bytes: bytes.count, md5: Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
        }
    }

    @Test func aMissFetchesAndAHitDoesNot() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder)
        let file = file(md5: Self.md5)
        #expect(!cache.contains(file))
        #expect(try await cache.fill(file, name: "fig1.jpg", download: write(Self.bytes)) == .fetched(bytes: Self.bytes.count))
        #expect(cache.path(of: file).hasSuffix("objects/\(Self.md5.prefix(2))/\(Self.md5)"))
        let hit = try await cache.fill(file, name: "fig1.jpg") { _ throws(SourceError) in
            throw .transfer(file: "fig1.jpg", reason: "a hit must not download")
        }
        #expect(hit == .alreadyCached)
        #expect(FileManager.default.contents(atPath: cache.path(of: file)) == Data(Self.bytes))
    }

    @Test func anMD5MismatchNeverEntersTheCache() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder)
        let file = file(md5: String(repeating: "0", count: 32))
        await #expect(throws: SourceError.checksumMismatch(file: "fig1.jpg", expected: file.md5!, actual: Self.md5)) {
            try await cache.fill(file, name: "fig1.jpg", download: write(Self.bytes))
        }
        #expect(!cache.contains(file))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test func aFailedDownloadLeavesNothing() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder)
        let file = file(md5: nil)
        await #expect(throws: SourceError.self) {
            try await cache.fill(file, name: "fig1.jpg") { path throws(SourceError) in
                _ = FileManager.default.createFile(atPath: path, contents: Data(Self.bytes.prefix(3)))
                throw .transfer(file: "fig1.jpg", reason: "connection dropped")
            }
        }
        #expect(!cache.contains(file))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test func aLeftoverTemporaryFileIsIgnored() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder)
        let file = file(md5: Self.md5)
        // What a download killed midway leaves: a partial file under tmp/, named after the object.
        let leftover = folder.appendingPathComponent("tmp/\(file.identity).0000.part").path
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data(Self.bytes.prefix(4))))
        #expect(!cache.contains(file))
        #expect(try await cache.fill(file, name: "fig1.jpg", download: write(Self.bytes)) == .fetched(bytes: Self.bytes.count))
        #expect(FileManager.default.contents(atPath: cache.path(of: file)) == Data(Self.bytes))
    }

    @Test func temporaryFilesOfEndedProcessesAreDeletedWhenTheCacheIsOpened() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = try ContentCache(root: folder)
        let tmp = folder.appendingPathComponent("tmp")
        let live = cache.temporaryPath(named: "live")
        // A process that ran on this machine and has ended: a short-lived child's identifier.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let ended = tmp.appendingPathComponent("killed~\(TemporaryFileWriter.current.host)~\(child.processIdentifier)~1.part").path
        let otherMachineRecent = tmp.appendingPathComponent("listing~elsewhere~1~2.part").path
        let otherMachineOld = tmp.appendingPathComponent("object~elsewhere~1~3.part").path
        for path in [live, ended, otherMachineRecent, otherMachineOld] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data(Self.bytes)))
        }
        let old = Date().addingTimeInterval(-Double(ContentCache.abandonedAfter.components.seconds) - 60)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: otherMachineOld)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: live)
        _ = try ContentCache(root: folder)
        #expect(FileManager.default.fileExists(atPath: live), "this process still runs, however old its file")
        #expect(!FileManager.default.fileExists(atPath: ended))
        #expect(FileManager.default.fileExists(atPath: otherMachineRecent))
        #expect(!FileManager.default.fileExists(atPath: otherMachineOld))
    }

    @Test func filesWithoutAPublishedMD5AreKeyedByTheirArticleFingerprint() {
        #expect(file(md5: nil).identity == file(md5: nil).identity)
        #expect(file(md5: nil, fingerprint: "f1").identity != file(md5: nil, fingerprint: "f2").identity)
        #expect(file(md5: Self.md5, fingerprint: "f2").identity == Self.md5)
    }
}
