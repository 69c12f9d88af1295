import Foundation
import Testing
@testable import WebDataset

@Suite("Tar writer")
struct TarWriterTests {
    /// Writes entries to a temp file and returns its bytes.
    private func archive(mtime: Int = 0, _ entries: [(String, String)]) throws -> [UInt8] {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let url = folder.url.appendingPathComponent("t.tar")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let writer = try TarWriter(fileHandle: handle, modificationTime: mtime)
        for (name, text) in entries { try writer.append(name: name, contents: Data(text.utf8)) }
        let (bytes, md5) = try writer.finish()
        try handle.close()
        let data = try [UInt8](Data(contentsOf: url))
        #expect(data.count == bytes)
        #expect(try md5sum(url) == md5)
        return data
    }

    private func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// A known entry, field by field; the checksum 0o10170 is what Python's tarfile writes for the
    /// same entry (USTAR_FORMAT, mode 0644, mtime 0, empty owner names).
    @Test func knownHeaderBytes() throws {
        let bytes = try archive([("PMC1_0001_x.txt", "hello")])
        #expect(bytes.count == 512 + 512 + 1024)
        let header = Array(bytes[0..<512])
        var expected = [UInt8](repeating: 0, count: 512)
        func put(_ s: String, _ at: Int) { expected.replaceSubrange(at..<(at + s.utf8.count), with: Array(s.utf8)) }
        put("PMC1_0001_x.txt", 0)
        put("0000644\0", 100)
        put("0000000\0", 108)
        put("0000000\0", 116)
        put("00000000005\0", 124)
        put("00000000000\0", 136)
        put("010170\0 ", 148)
        put("0", 156)
        put("ustar\000", 257)
        #expect(header == expected)
        #expect(text(bytes, 512..<517) == "hello")
        #expect(bytes[517..<2048].allSatisfy { $0 == 0 })
    }

    @Test func mtimeIsStored() throws {
        let bytes = try archive(mtime: 1_700_000_000, [("PMC1_0001_x.txt", "hello")])
        #expect(text(bytes, 136..<148) == "14524770400\0")
        #expect(text(bytes, 148..<156) == "010232\0 ")
    }

    @Test func dataIsPaddedToBlocks() throws {
        let bytes = try archive([("a.txt", String(repeating: "x", count: 512)), ("b.txt", String(repeating: "y", count: 513))])
        // a: header + 1 block; b: header + 2 blocks; then the two end blocks.
        #expect(bytes.count == 512 * (2 + 3 + 2))
        #expect(text(bytes, 1024..<1029) == "b.txt")
    }

    @Test func longNameUsesPrefix() throws {
        let folderPart = String(repeating: "d", count: 120)
        let filePart = String(repeating: "f", count: 90) + ".jpg"
        let name = folderPart + "/" + filePart
        let bytes = try archive([(name, "x")])
        #expect(text(bytes, 0..<94) == filePart)
        #expect(bytes[94] == 0)
        #expect(text(bytes, 345..<465) == folderPart)
        let entries = try TarReader(url: try roundTripFile(bytes)).readAll()
        #expect(entries.map(\.name) == [name])
    }

    @Test func splitPicksLongestPrefix() throws {
        let path = String(repeating: "a", count: 60) + "/" + String(repeating: "b", count: 60) + "/" + String(repeating: "c", count: 10)
        let (prefix, name) = try TarHeader.split(path: path)
        #expect(prefix.count == 121)
        #expect(name == Array(String(repeating: "c", count: 10).utf8))
    }

    @Test func exactly100BytesNeedsNoPrefix() throws {
        let name = String(repeating: "n", count: 96) + ".txt"
        let bytes = try archive([(name, "x")])
        #expect(text(bytes, 0..<100) == name)
        #expect(bytes[345] == 0)
    }

    @Test func unsplittableNamesAreRejected() throws {
        let flat = String(repeating: "k", count: 101)
        #expect(throws: WebDatasetError.nameTooLong(flat, bytes: 101)) { try TarWriter.validate(name: flat) }
        let longTail = "dir/" + String(repeating: "k", count: 101)
        #expect(throws: WebDatasetError.self) { try TarWriter.validate(name: longTail) }
        let tooLong = String(repeating: "p", count: 155) + "/" + String(repeating: "n", count: 101)
        #expect(throws: WebDatasetError.self) { try TarWriter.validate(name: tooLong) }
        #expect(throws: WebDatasetError.invalidName("")) { try TarWriter.validate(name: "") }
        let longest = String(repeating: "p", count: 155) + "/" + String(repeating: "n", count: 100)
        #expect(throws: Never.self) { try TarWriter.validate(name: longest) }
    }

    @Test func negativeMtimeRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let url = folder.url.appendingPathComponent("t.tar")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        #expect(throws: WebDatasetError.invalidModificationTime(-1)) { try TarWriter(fileHandle: handle, modificationTime: -1) }
    }
}

/// Writes `bytes` to a temp file (left for the OS to clean) and returns its URL.
func roundTripFile(_ bytes: [UInt8]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("biomedica-wds-\(UUID().uuidString).tar")
    try Data(bytes).write(to: url)
    return url
}
