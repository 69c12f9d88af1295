import Foundation
import Platform
import Testing

@Suite("Whole-file writes")
struct AtomicFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-file-\(UUID().uuidString)")

    @Test("a file is replaced whole, and no partial file is left")
    func replacesFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("a.json").path
        try AtomicFile.write(Data("old".utf8), to: path)
        try AtomicFile.write(Data("new".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.json"])
    }

    @Test("a path that names a folder is refused, and the folder keeps its files")
    func neverReplacesAFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: target.appendingPathComponent("photo.jpg"))
        #expect(throws: AtomicFileError.failed(path: target.path, reason: "it is a folder")) {
            try AtomicFile.write(Data("x".utf8), to: target.path)
        }
        #expect(FileManager.default.contents(atPath: target.appendingPathComponent("photo.jpg").path) == Data("mine".utf8))
        #expect(!FileManager.default.fileExists(atPath: target.path + ".partial"))
    }
}
