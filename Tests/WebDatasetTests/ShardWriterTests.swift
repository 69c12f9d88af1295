import Foundation
import Testing
@testable import WebDataset

@Suite("Shard writer")
struct ShardWriterTests {
    @Test func roundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let samples = (0..<25).map { makeSample($0) }
        let shards = try writeShards(samples, to: folder.url)
        #expect(shards.map(\.name) == ["000000.tar"])
        #expect(shards[0].samples == 25)
        let read = try ShardReader.readAll(url: folder.url.appendingPathComponent("000000.tar"))
        #expect(read == samples)
        let entries = try TarReader(url: folder.url.appendingPathComponent("000000.tar")).readAll()
        #expect(entries.first?.name == "\(samples[0].key).jpg")
        #expect(entries.allSatisfy { $0.modificationTime == 0 })
    }

    @Test func resultsMatchFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let shards = try writeShards((0..<30).map { makeSample($0) }, to: folder.url, options: .init(maxSamples: 7))
        for shard in shards {
            let data = try Data(contentsOf: folder.url.appendingPathComponent(shard.name))
            #expect(data.count == shard.bytes)
            #expect(try md5sum(folder.url.appendingPathComponent(shard.name)) == shard.md5)
            #expect(data.count % 512 == 0)
        }
    }

    @Test func deterministicAcrossRuns() throws {
        let a = try TemporaryFolder(), b = try TemporaryFolder()
        defer { a.cleanup(); b.cleanup() }
        let samples = (0..<50).map { makeSample($0, imageBytes: 3000) }
        let first = try writeShards(samples, to: a.url, options: .init(maxSamples: 20))
        let second = try writeShards(samples, to: b.url, options: .init(maxSamples: 20))
        #expect(first == second)
        #expect(first.count == 3)
        for shard in first {
            let left = try Data(contentsOf: a.url.appendingPathComponent(shard.name))
            let right = try Data(contentsOf: b.url.appendingPathComponent(shard.name))
            #expect(left == right)
        }
        try ShardIndex.write(first, to: a.url)
        try ShardIndex.write(second, to: b.url)
        for file in ["sizes.json", "index.json"] {
            #expect(try Data(contentsOf: a.url.appendingPathComponent(file)) == Data(contentsOf: b.url.appendingPathComponent(file)))
        }
    }

    @Test func cutsByCount() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let shards = try writeShards((0..<10).map { makeSample($0) }, to: folder.url, options: .init(maxSamples: 4))
        #expect(shards.map(\.samples) == [4, 4, 2])
        #expect(shards.map(\.name) == ["000000.tar", "000001.tar", "000002.tar"])
        #expect(try folder.contents() == ["000000.tar", "000001.tar", "000002.tar"])
        let keys = try shards.flatMap { try ShardReader.readAll(url: folder.url.appendingPathComponent($0.name)).map(\.key) }
        #expect(keys == (0..<10).map { makeSample($0).key })
    }

    @Test func cutsByBytes() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        // Each sample: 3 headers + jpg (1004 -> 1024) + txt (1 block) + json (1 block) = 3584 bytes;
        // a shard adds 1024 end bytes, so exactly three samples fit.
        let samples = (0..<10).map { makeSample($0, imageBytes: 1000) }
        let options = ShardWriterOptions(maxBytes: 3 * 3584 + 1024)
        let shards = try writeShards(samples, to: folder.url, options: options)
        #expect(shards.map(\.samples) == [3, 3, 3, 1])
        #expect(shards.allSatisfy { $0.bytes <= options.maxBytes })
        #expect(shards[0].bytes == 3 * 3584 + 1024)
    }

    @Test func oversizedSampleGetsItsOwnShard() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let samples = [makeSample(0), makeSample(1, imageBytes: 50_000), makeSample(2)]
        let shards = try writeShards(samples, to: folder.url, options: .init(maxBytes: 10_000))
        #expect(shards.map(\.samples) == [1, 1, 1])
    }

    @Test func firstShardNumberAndWideNames() throws {
        #expect(ShardWriter.shardName(0) == "000000.tar")
        #expect(ShardWriter.shardName(1_234_567) == "1234567.tar")
        for number in [0, 7, 41, 999_999, 1_234_567] {
            #expect(ShardWriter.shardNumber(of: ShardWriter.shardName(number)) == number)
        }
        #expect(ShardWriter.shardNumber(of: "index.json") == nil && ShardWriter.shardNumber(of: "000001.tar.relabel") == nil)
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let shards = try writeShards([makeSample(0)], to: folder.url, options: .init(firstShardNumber: 41))
        #expect(shards.map(\.name) == ["000041.tar"])
    }

    @Test func partialOnlyWhileWriting() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let writer = try ShardWriter(directory: folder.url, options: .init(maxSamples: 2))
        for index in 0..<3 { try writer.write(makeSample(index)) }
        #expect(try folder.contents() == ["000000.tar", "000001.tar.partial"])
        try writer.close()
        #expect(try folder.contents() == ["000000.tar", "000001.tar"])
        #expect(throws: WebDatasetError.closed) { try writer.write(makeSample(9)) }
    }

    @Test func droppedWriterLeavesOnlyItsPartialForAResume() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        do {
            let writer = try ShardWriter(directory: folder.url)
            try writer.write(makeSample(0))
            _ = try writer.checkpoint()
        }
        #expect(try folder.contents() == ["000000.tar.partial"])
    }

    @Test func emptyWriterWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        #expect(try writeShards([], to: folder.url) == [])
        #expect(try folder.contents() == [])
    }

    @Test func keyValidation() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let writer = try ShardWriter(directory: folder.url)
        defer { writer.abandon() }
        let member = WebDatasetSample.Member("txt", Data("x".utf8))
        func sample(_ key: String, _ members: [WebDatasetSample.Member]? = nil) -> WebDatasetSample {
            WebDatasetSample(key: key, members: members ?? [member])
        }
        #expect(throws: WebDatasetError.invalidKey("", reason: "empty")) { try writer.write(sample("")) }
        #expect(throws: WebDatasetError.invalidKey("pone.0046493", reason: "contains '.'")) { try writer.write(sample("pone.0046493")) }
        #expect(throws: WebDatasetError.invalidKey("a/b", reason: "contains '/'")) { try writer.write(sample("a/b")) }
        let long = String(repeating: "k", count: 97)
        #expect(throws: WebDatasetError.invalidKey(long, reason: "member name \(long).txt is 101 bytes; ustar allows 100")) {
            try writer.write(sample(long))
        }
        #expect(throws: WebDatasetError.emptySample("k")) { try writer.write(sample("k", [])) }
        for ext in ["", ".jpg", "jpg.", "a..b", "j/pg", "jp g"] {
            #expect(throws: WebDatasetError.self) { try writer.write(sample("k", [.init(ext, Data())])) }
        }
        #expect(throws: WebDatasetError.invalidExtension(key: "k", ext: "txt", reason: "repeated in the sample")) {
            try writer.write(sample("k", [member, member]))
        }
        // Rejected samples leave the writer usable and the shard empty of them.
        try writer.write(sample("k", [.init("seg.png", Data()), member]))
        #expect(throws: WebDatasetError.duplicateKey("k")) { try writer.write(sample("k")) }
        try writer.write(sample("k2"))
        let shards = try writer.close()
        #expect(shards.map(\.samples) == [2])
        let keys = try ShardReader.readAll(url: folder.url.appendingPathComponent("000000.tar")).map(\.key)
        #expect(keys == ["k", "k2"])
    }

    @Test func invalidOptionsRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        #expect(throws: WebDatasetError.self) { try ShardWriter(directory: folder.url, options: .init(maxSamples: 0)) }
        #expect(throws: WebDatasetError.self) { try ShardWriter(directory: folder.url, options: .init(maxBytes: 0)) }
        #expect(throws: WebDatasetError.invalidModificationTime(-5)) { try ShardWriter(directory: folder.url, options: .init(modificationTime: -5)) }
    }

    /// Throughput of the writer on 10k small samples (printed; not a pass/fail threshold).
    @Test func throughputTenThousandSmallSamples() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let samples = (0..<10_000).map { makeSample($0, imageBytes: 2_000) }
        let clock = ContinuousClock()
        var shards: [ShardResult] = []
        let elapsed = try clock.measure {
            shards = try writeShards(samples, to: folder.url, options: .init(maxSamples: 2_500))
        }
        let bytes = shards.reduce(0) { $0 + $1.bytes }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("WebDataset throughput: 10000 samples, \(bytes) bytes in \(seconds) s = \(Int(10_000 / seconds)) samples/s, \(Int(Double(bytes) / seconds / 1e6)) MB/s")
        #expect(shards.map(\.samples) == [2_500, 2_500, 2_500, 2_500])
    }
}
