import Foundation
import Testing
import WebDataset

/// A writer resumed from a checkpoint must end with the bytes an uninterrupted writer writes:
/// what was written after the checkpoint is cut back, later shards are deleted, and a shard
/// finished since is reopened.
@Suite("Shard writer resuming from a checkpoint")
struct ShardWriterResumeTests {
    /// Four samples per shard: 10 samples make shards of 4, 4 and 2; 14 make 4, 4, 4 and 2.
    let options = ShardWriterOptions(maxSamples: 4)

    func samples(_ count: Int) -> [WebDatasetSample] {
        (0..<count).map { makeSample($0, imageBytes: 700 + 37 * $0) }
    }

    /// What an uninterrupted writer leaves in a folder: its results and every file's bytes.
    struct Written: Equatable {
        var results: [ShardResult]
        var files: [String: Data]
    }

    func uninterrupted(_ samples: [WebDatasetSample]) throws -> Written {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let results = try writeShards(samples, to: folder.url, options: options)
        return try Written(results: results, files: files(in: folder))
    }

    func files(in folder: TemporaryFolder) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try folder.contents() {
            files[name] = try Data(contentsOf: folder.url.appendingPathComponent(name))
        }
        return files
    }

    /// Drops `writer` without closing it, as a run stopped by an error does: its open shard stays
    /// on disk under the partial name, with every byte written so far (a killed process leaves the
    /// same once the bytes were flushed).
    func crash(_ writer: inout ShardWriter?, in folder: TemporaryFolder) throws {
        // Push the buffered bytes to the file, as a process would have done before dying.
        _ = try writer?.checkpoint()
        let partials = try folder.contents().filter { $0.hasSuffix(".partial") }
        let sizes = try partials.map { try size(of: folder.url.appendingPathComponent($0)) }
        writer = nil
        #expect(try folder.contents().filter { $0.hasSuffix(".partial") } == partials, "the partial shard is left for the resume")
        #expect(try partials.map { try size(of: folder.url.appendingPathComponent($0)) } == sizes)
        #expect(try folder.contents().allSatisfy { !$0.hasSuffix(".tar") || !partials.contains($0 + ".partial") },
                "never under the final name")
    }

    func size(of url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
    }

    @Test func bytesWrittenAfterTheCheckpointAreCutBack() throws {
        let all = samples(10)
        let expected = try uninterrupted(all)
        #expect(expected.results.map(\.samples) == [4, 4, 2])

        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        var writer: ShardWriter? = try ShardWriter(directory: folder.url, options: options)
        for sample in all[0..<5] { try writer!.write(sample) }
        let position = try writer!.checkpoint()
        #expect(position.openNumber == 1 && position.openSamples == 1)
        #expect(position.completed == [expected.results[0]])
        // Two more samples go into the open shard after the checkpoint, then the process dies.
        for sample in all[5..<7] { try writer!.write(sample) }
        try crash(&writer, in: folder)
        let partial = folder.url.appendingPathComponent("000001.tar.partial")
        #expect(try folder.contents() == ["000000.tar", "000001.tar.partial"])
        #expect(try size(of: partial) > position.openBytes, "the shard holds bytes written after the checkpoint")

        let resumed = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        #expect(try size(of: partial) == position.openBytes, "cut back to the checkpoint")
        #expect(resumed.currentShardName == "000001.tar")
        for sample in all[5...] { try resumed.write(sample) }
        let results = try resumed.close()

        #expect(results == expected.results)
        #expect(try files(in: folder) == expected.files)
        for result in results {
            #expect(try md5sum(folder.url.appendingPathComponent(result.name)) == result.md5)
        }
        let keys = try results.flatMap { try ShardReader.readAll(url: folder.url.appendingPathComponent($0.name)).map(\.key) }
        #expect(keys == all.map(\.key), "each sample once, in order")
    }

    @Test func laterShardsAreDeleted() throws {
        let all = samples(14)
        let expected = try uninterrupted(all)
        #expect(expected.results.map(\.samples) == [4, 4, 4, 2])

        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        var writer: ShardWriter? = try ShardWriter(directory: folder.url, options: options)
        for sample in all[0..<5] { try writer!.write(sample) }
        let position = try writer!.checkpoint()
        // After the checkpoint the run finishes shard 1 and shard 2 and starts shard 3.
        for sample in all[5..<13] { try writer!.write(sample) }
        try crash(&writer, in: folder)
        #expect(try folder.contents() == ["000000.tar", "000001.tar", "000002.tar", "000003.tar.partial"])

        let resumed = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        #expect(try folder.contents() == ["000000.tar", "000001.tar.partial"],
                "shard 1 is reopened, cut back; shards 2 and 3 are gone")
        #expect(try size(of: folder.url.appendingPathComponent("000001.tar.partial")) == position.openBytes)
        for sample in all[5...] { try resumed.write(sample) }
        let results = try resumed.close()

        #expect(results == expected.results)
        #expect(try files(in: folder) == expected.files)
    }

    @Test func aShardFinishedAfterTheCheckpointIsReopened() throws {
        let all = samples(10)
        let expected = try uninterrupted(all)

        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        // The serialize stage's order: checkpoint, then close. A later run continues from the
        // checkpoint, so the last shard (already renamed .tar, with its end blocks) is reopened.
        let writer = try ShardWriter(directory: folder.url, options: options)
        for sample in all[0..<6] { try writer.write(sample) }
        let position = try writer.checkpoint()
        #expect(position.openNumber == 1 && position.openSamples == 2)
        let closed = try writer.close()
        #expect(closed.map(\.samples) == [4, 2])
        #expect(try folder.contents() == ["000000.tar", "000001.tar"])
        #expect(try size(of: folder.url.appendingPathComponent("000001.tar")) == position.openBytes + 1024,
                "the finished shard has the two end blocks on top of the checkpoint's bytes")

        let resumed = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        #expect(try folder.contents() == ["000000.tar", "000001.tar.partial"])
        #expect(try size(of: folder.url.appendingPathComponent("000001.tar.partial")) == position.openBytes)
        for sample in all[6...] { try resumed.write(sample) }
        let results = try resumed.close()

        #expect(results == expected.results)
        #expect(try files(in: folder) == expected.files)
        for result in results {
            #expect(try md5sum(folder.url.appendingPathComponent(result.name)) == result.md5)
        }
    }

    @Test func resumingWithNothingOpenStartsTheNextShard() throws {
        let all = samples(10)
        let expected = try uninterrupted(all)

        // A checkpoint taken before anything was written: everything after it goes.
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        var writer: ShardWriter? = try ShardWriter(directory: folder.url, options: options)
        let start = try writer!.checkpoint()
        #expect(start == ShardWriterPosition(completed: [], openNumber: 0, openBytes: 0, openSamples: 0, stamps: [:]))
        for sample in all[0..<6] { try writer!.write(sample) }
        try crash(&writer, in: folder)
        #expect(try folder.contents() == ["000000.tar", "000001.tar.partial"])
        let fromStart = try ShardWriter(directory: folder.url, options: options, resumingFrom: start)
        #expect(try folder.contents() == [])
        #expect(fromStart.currentShardName == nil)
        for sample in all { try fromStart.write(sample) }
        #expect(try fromStart.close() == expected.results)
        #expect(try files(in: folder) == expected.files)

        // A position between shards: two finished, none open. A stale shard 2 left by a run
        // past that point is deleted, and the numbering and the results go on from there.
        let second = try TemporaryFolder()
        defer { second.cleanup() }
        let first = try writeShards(Array(all[0..<8]), to: second.url, options: options)
        #expect(first.map(\.name) == ["000000.tar", "000001.tar"])
        try Data("stale".utf8).write(to: second.url.appendingPathComponent("000002.tar"))
        try Data("stale".utf8).write(to: second.url.appendingPathComponent("000003.tar.partial"))
        let between = ShardWriterPosition(completed: first, openNumber: 2)
        let continued = try ShardWriter(directory: second.url, options: options, resumingFrom: between)
        #expect(try second.contents() == ["000000.tar", "000001.tar"])
        #expect(continued.currentShardName == "000001.tar", "the last finished shard until a sample is written")
        for sample in all[8...] { try continued.write(sample) }
        #expect(try continued.close() == expected.results)
        #expect(try files(in: second) == expected.files)
    }

    @Test func aShardShorterThanTheCheckpointIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        var writer: ShardWriter? = try ShardWriter(directory: folder.url, options: options)
        for sample in samples(3) { try writer!.write(sample) }
        var position = try writer!.checkpoint()
        try crash(&writer, in: folder)
        position.openBytes += 512
        #expect(throws: WebDatasetError.self) {
            _ = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        }
    }

    @Test func aFinishedShardMissingOrChangedSinceTheCheckpointIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        var writer: ShardWriter? = try ShardWriter(directory: folder.url, options: options)
        for sample in samples(10) { try writer!.write(sample) }
        let position = try writer!.checkpoint()
        #expect(position.completed.map(\.name) == ["000000.tar", "000001.tar"])
        try crash(&writer, in: folder)

        // Cut short by hand.
        let second = folder.url.appendingPathComponent("000001.tar")
        let bytes = try Data(contentsOf: second)
        try bytes.prefix(bytes.count - 512).write(to: second)
        #expect(throws: WebDatasetError.self) {
            _ = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        }
        // Deleted by hand.
        try FileManager.default.removeItem(at: second)
        #expect(throws: WebDatasetError.self) {
            _ = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        }
        // Changed in place, at the same size: its time and MD5 differ from its stamp.
        var changed = bytes
        changed[600] ^= 0xFF
        try changed.write(to: second)
        #expect(throws: WebDatasetError.self) {
            _ = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        }
        // Put back as it was (a new time, the same MD5): the resume goes on.
        try bytes.write(to: second)
        let resumed = try ShardWriter(directory: folder.url, options: options, resumingFrom: position)
        #expect(try resumed.close() == uninterrupted(samples(10)).results)
    }

    @Test func positionsSurviveJSON() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let writer = try ShardWriter(directory: folder.url, options: options)
        for sample in samples(6) { try writer.write(sample) }
        let position = try writer.checkpoint()
        let decoded = try JSONDecoder().decode(ShardWriterPosition.self, from: JSONEncoder().encode(position))
        #expect(decoded == position)
        #expect(decoded.completed.count == 1 && decoded.openBytes > 0)
        writer.abandon()
    }
}
