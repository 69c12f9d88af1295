import Foundation
@testable import PMCSource
import Testing

/// The external sort an S3 inventory is ordered by: the same order as sorting in memory, whatever
/// the keys hold, with its temporary files gone afterwards.
@Suite struct ExternalObjectSortTests {
    /// Distinct keys in random order, with the characters the run files must escape and some that
    /// sort by byte. Keys are distinct as in a bucket: two objects with one key have no order to check.
    private static func objects(count: Int) -> [StoredObject] {
        var generator = SystemRandomNumberGenerator()
        let oddNames = ["metadata/a\tb.json", "metadata/100%.json", "metadata/line\nbreak.json", "metadata/é.json", "metadata/Z.json"]
        var numbers = Set<UInt32>()
        while numbers.count < count {
            numbers.insert(UInt32.random(in: 0...99_999_999, using: &generator))
        }
        return zip(0..<count, numbers).map { index, number in
            let key = index < oddNames.count ? oddNames[index] : "metadata/PMC\(number).\(index % 3 + 1).json"
            return StoredObject(
                key: key, size: index % 4 == 0 ? nil : index, etag: index % 5 == 0 ? nil : "e\(index)",
                lastModified: index % 7 == 0 ? nil : "2026-11-\(10 + index % 20)T01:00:00.000Z")
        }.shuffled()
    }

    @Test("runs spilled to disk and merged give the order of an in-memory sort", arguments: [7, 97, 5000, 20_000])
    func sortsLikeMemory(runLength: Int) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Self.objects(count: 5000)
        let sort = ExternalObjectSort(runLength: runLength, folder: folder)
        for object in input {
            try sort.add(object)
        }
        let spilled = try FileManager.default.contentsOfDirectory(atPath: folder.path).count
        #expect(spilled == input.count / runLength)
        var output: [StoredObject] = []
        while let batch = try sort.next(333) {
            #expect(batch.count <= 333)
            output += batch
        }
        #expect(output == input.sorted(by: ExternalObjectSort.precedes))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a run line keeps every field, nil apart from empty")
    func runLines() {
        let objects = [
            StoredObject(key: "a\tb%c\nd", size: 12, etag: "x", lastModified: "2026-01-01"),
            StoredObject(key: "plain"),
        ]
        for object in objects {
            #expect(RunLine.decode(RunLine.encode(object)) == object)
        }
        #expect(RunLine.decode(Array("only\ttwo".utf8)) == nil)
        #expect(RunLine.decode(Array("bad%zz\t\t\t".utf8)) == nil)
    }
}
