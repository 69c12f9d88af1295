import Foundation
import PMCSource
import Testing

@Suite("A local source's files: regular files inside its folder only")
struct LocalSourceSafetyTests {
    @Test("a link out of the folder, a FIFO and a device are not read; a link inside is")
    func onlyTheSourcesRegularFiles() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("bucket")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("outside".utf8).write(to: folder.appendingPathComponent("outside.txt"))
        try Data("inside".utf8).write(to: root.appendingPathComponent("inside.txt"))
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("out").path, withDestinationPath: "../outside.txt")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("passwd").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("in").path, withDestinationPath: "inside.txt")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("zero").path, withDestinationPath: "/dev/zero")
        #expect(mkfifo(root.appendingPathComponent("fifo").path, 0o644) == 0)
        let store = LocalObjectStore(root: root)

        #expect(try await store.get("in", limit: 100) == Array("inside".utf8))
        for key in ["out", "passwd"] {
            await #expect(throws: SourceError.unsafeFile(file: root.appendingPathComponent(key).path, reason: "a link that leads out of the source's folder, to \(key == "out" ? folder.appendingPathComponent("outside.txt").resolvingSymlinksInPath().path : "/etc/passwd")")) {
                try await store.get(key, limit: 100)
            }
        }
        for key in ["fifo"] {
            await #expect(throws: SourceError.unsafeFile(file: root.appendingPathComponent(key).path, reason: "not a regular file")) {
                try await store.get(key, limit: 100)
            }
        }
        await #expect(throws: SourceError.self) { try await store.get("zero", limit: 100) }
        await #expect(throws: SourceError.self) { try await store.download("fifo", to: folder.appendingPathComponent("copy").path, limit: 100) }
    }
}
