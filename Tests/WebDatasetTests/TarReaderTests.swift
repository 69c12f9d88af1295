import Foundation
import Testing
@testable import WebDataset

@Suite("Tar reader")
struct TarReaderTests {
    /// Builds an archive in memory from raw entries, bypassing any writer-side checks.
    private func rawArchive(_ entries: [(String, String)]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, text) in entries {
            let (prefix, short) = try TarHeader.split(path: name)
            bytes += TarHeader(prefix: prefix, name: short, size: text.utf8.count, modificationTime: 0).encoded()
            bytes += Array(text.utf8)
            bytes += [UInt8](repeating: 0, count: (512 - text.utf8.count % 512) % 512)
        }
        return bytes + [UInt8](repeating: 0, count: 1024)
    }

    @Test func readsEntries() throws {
        let url = try roundTripFile(rawArchive([("k1.txt", "one"), ("k1.json", "{}"), ("k2.txt", "")]))
        let entries = try TarReader(url: url).readAll()
        #expect(entries.map(\.name) == ["k1.txt", "k1.json", "k2.txt"])
        #expect(entries.map { String(decoding: $0.data, as: UTF8.self) } == ["one", "{}", ""])
    }

    @Test func badChecksumRejected() throws {
        var bytes = try rawArchive([("k1.txt", "one")])
        bytes[0] = UInt8(ascii: "j")  // change the name but not the checksum
        let url = try roundTripFile(bytes)
        #expect(throws: WebDatasetError.corruptHeader(offset: 0, reason: "checksum 3594 does not match 3593")) {
            _ = try TarReader(url: url).readAll()
        }
    }

    @Test("unsafe names rejected", arguments: ["../evil.txt", "a/../../evil.txt", "/etc/evil.txt", "a/.."])
    func unsafeNames(name: String) throws {
        let url = try roundTripFile(rawArchive([(name, "x")]))
        #expect(throws: WebDatasetError.unsafeName(name)) { _ = try TarReader(url: url).readAll() }
    }

    @Test func truncatedArchiveRejected() throws {
        let bytes = try rawArchive([("k1.txt", String(repeating: "z", count: 700))])
        let url = try roundTripFile(Array(bytes[0..<1000]))
        #expect(throws: WebDatasetError.self) { _ = try TarReader(url: url).readAll() }
    }

    @Test func symlinkRejected() throws {
        var header = TarHeader(prefix: [], name: Array("k1.txt".utf8), size: 0, modificationTime: 0)
        header.typeFlag = UInt8(ascii: "2")
        let url = try roundTripFile(header.encoded() + [UInt8](repeating: 0, count: 1024))
        #expect(throws: WebDatasetError.unsupportedEntryType(name: "k1.txt", type: UInt8(ascii: "2"))) {
            _ = try TarReader(url: url).readAll()
        }
    }

    @Test func shardReaderGroupsByKeyLikeWebdataset() throws {
        let url = try roundTripFile(rawArchive([
            ("a.jpg", "A"), ("a.txt", "a caption"), ("a.seg.png", "S"),
            ("README", "skipped: no dot"),
            ("dir/b.c.txt", "B"), ("b.txt", "other key"),
        ]))
        let samples = try ShardReader.readAll(url: url)
        #expect(samples.map(\.key) == ["a", "dir/b", "b"])
        #expect(samples[0].members.map(\.ext) == ["jpg", "txt", "seg.png"])
        #expect(samples[1].members.map(\.ext) == ["c.txt"])
    }

    @Test func duplicateExtensionInSampleRejected() throws {
        let url = try roundTripFile(rawArchive([("a.txt", "1"), ("a.txt", "2")]))
        #expect(throws: WebDatasetError.duplicateMember(key: "a", ext: "txt")) { _ = try ShardReader.readAll(url: url) }
    }
}
