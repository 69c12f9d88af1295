import Catalog
import Dataset
import Foundation
import PMCModel
import Pipeline
import TestSupport
import Testing

/// `biomedica build` run in this process through the library: no executable involved.
@Suite("Builds through the library, and the dataset folder's owner")
struct BuildPlanTests {
    let sampleCorpus = SharedCorpus.repositoryRoot.appendingPathComponent("Examples/sample-corpus")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("build-plan-\(UUID().uuidString)")

    /// A build of `source` into `out`, every stage of `biomedica build` but enrich and annotate.
    func plan(_ out: URL, source: URL? = nil, options: SerializeOptions = SerializeOptions(shardSamples: 3)) -> BuildPlan {
        var plan = BuildPlan(source: SourceSpec(location: (source ?? sampleCorpus).path), dataset: out, options: options)
        (plan.extract, plan.serialize) = (true, true)
        return plan
    }

    /// The bytes of every shard, index and table under `root`, by relative path.
    func outputs(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for area in ["shards", "parquet"] {
            let top = root.appendingPathComponent(area)
            for case let path as String in FileManager.default.enumerator(atPath: top.path) ?? .init() {
                var isFolder: ObjCBool = false
                let url = top.appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                    files["\(area)/\(path)"] = try Data(contentsOf: url)
                }
            }
        }
        return files
    }

    @Test("a build writes the dataset; run again, it finds it up to date and writes nothing")
    func buildsAndResumes() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let first = try await plan(out).run(in: .test())
        #expect(first.extract?.extracted == 5 && first.extract?.failed == 1)
        #expect(first.serialize?.samples == 14 && first.serialize?.totalShards == 5, "6, 6 and 2 samples, 3 a shard")
        #expect(first.catalog == out.appendingPathComponent("catalog.sqlite").path)
        let written = try outputs(out)
        #expect(written.keys.contains("shards/commercial/sizes.json") && written.keys.contains("parquet/samples.parquet"))
        let second = try await plan(out).run(in: .test())
        #expect(second.extract?.unchanged == 6 && second.serialize?.articles == 0 && second.serialize?.rebuilt == false)
        #expect(try outputs(out) == written)
    }

    @Test("two builds started together on one folder: each completes or is refused as busy, and the dataset is one build's")
    func concurrentBuilds() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("alone")
        _ = try await plan(alone).run(in: .test())
        let expected = try outputs(alone)
        for round in 0..<4 {
            let out = folder.appendingPathComponent("together-\(round)")
            let plan = plan(out)
            let results = await withTaskGroup(of: Result<Bool, any Error>.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do {
                            _ = try await plan.run(in: .test())
                            return .success(true)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            var completed = 0
            for result in results {
                switch result {
                case .success: completed += 1
                case .failure(let error):
                    guard case DatasetError.busy(let path, .writer(let pid, _)) = error else {
                        Issue.record("a build failed with \(error), not a refusal")
                        continue
                    }
                    #expect(path == out.path && pid == getpid())
                    #expect(ExitStatus(for: error) == .busy)
                }
            }
            #expect(completed >= 1)
            #expect(try outputs(out) == expected, "round \(round)")
        }
    }

    @Test("a shard cut short after a build is noticed and written again")
    func truncatedShardIsRewritten() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        _ = try await plan(out).run(in: .test())
        let expected = try outputs(out)
        let shard = out.appendingPathComponent("shards/commercial/000000.tar")
        let handle = try FileHandle(forWritingTo: shard)
        try handle.truncate(atOffset: 1024)
        try handle.close()
        let again = try await plan(out).run(in: .test())
        #expect(again.serialize?.rebuilt == true)
        #expect(try outputs(out) == expected)
    }

    @Test("a shard of the same size changed on disk is noticed by its time and MD5; one only touched is not rewritten")
    func changedShardIsRewritten() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        _ = try await plan(out).run(in: .test())
        let expected = try outputs(out)
        let shard = out.appendingPathComponent("shards/commercial/000000.tar")
        let later = Date().addingTimeInterval(60)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: shard.path)
        let touched = try await plan(out).run(in: .test())
        #expect(touched.serialize?.rebuilt == false && touched.serialize?.articles == 0, "same bytes: still done")
        let stamps = try Catalog(readingAt: out.appendingPathComponent("catalog.sqlite").path).shardStamps()
        let stamp = try JSONSerialization.jsonObject(with: Data(try #require(stamps["commercial/000000.tar"]).utf8)) as? [String: Any]
        let modified = try #require(stamp?["modified"] as? Int64)
        #expect(abs(modified - Int64(later.timeIntervalSince1970 * 1e9)) < 1_000_000,
                "the new time is the shard's stamp now: the next run needs no MD5")

        var bytes = try Data(contentsOf: shard)
        bytes[700] ^= 0xFF
        try bytes.write(to: shard)
        try FileManager.default.setAttributes([.modificationDate: later.addingTimeInterval(60)], ofItemAtPath: shard.path)
        let changed = try await plan(out).run(in: .test())
        #expect(changed.serialize?.rebuilt == true)
        #expect(try outputs(out) == expected)
    }

    @Test("the last shard of a finished dataset, changed on disk, is noticed when new articles continue it")
    func changedLastShardIsNoticed() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole")
        _ = try await plan(whole).run(in: .test())
        let out = folder.appendingPathComponent("out")
        var first = plan(out)
        first.selection = ArticleSelection(limit: 2)
        _ = try await first.run(in: .test())
        // The last shard of the first build, closed by it: the next build reopens and continues it.
        let group = out.appendingPathComponent("shards/commercial")
        let last = try #require(try FileManager.default.contentsOfDirectory(atPath: group.path).filter { $0.hasSuffix(".tar") }.max())
        let shard = group.appendingPathComponent(last)
        var bytes = try Data(contentsOf: shard)
        bytes[700] ^= 0xFF
        try bytes.write(to: shard)
        let continued = try await plan(out).run(in: .test())
        #expect(continued.serialize?.rebuilt == true)
        #expect(try outputs(out) == outputs(whole))
    }

    @Test("a file of the user's is never deleted: a folder holding one is refused, and the file survives")
    func userFilesSurvive() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: out.appendingPathComponent("notes.txt"))
        await #expect(throws: DatasetError.notADataset(folder: out.path, entry: "notes.txt")) {
            try await plan(out).run(in: .test())
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["notes.txt"])

        let built = folder.appendingPathComponent("built")
        _ = try await plan(built).run(in: .test())
        let mine = built.appendingPathComponent("shards/commercial/mine.txt")
        try Data("mine".utf8).write(to: mine)
        // Other options rewrite every shard: the first thing a rewrite does is remove the old ones.
        await #expect(throws: DatasetError.foreignFile(mine.path)) {
            try await plan(built, options: SerializeOptions(shardSamples: 4)).run(in: .test())
        }
        #expect(FileManager.default.contents(atPath: mine.path) == Data("mine".utf8))
        #expect(FileManager.default.fileExists(atPath: built.appendingPathComponent("shards/commercial/000000.tar").path))
    }

    @Test("a source that lists nothing withdraws nothing, unless allowed to")
    func emptyListingWithdrawsNothing() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let built = try await plan(out).run(in: .test())
        let samples = try #require(built.serialize?.samples)
        let empty = folder.appendingPathComponent("unmounted")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)

        let refused = try await plan(out, source: empty).run(in: .test())
        #expect(refused.extract?.listed == 0 && refused.extract?.withdrawn == 0)
        #expect(refused.extract?.withdrawnUnchecked?.contains("--allow-empty-source") == true)
        #expect(refused.serialize?.totalSamplesByGroup.values.reduce(0, +) == samples)

        var allowed = plan(out, source: empty)
        allowed.allowEmptySource = true
        let emptied = try await allowed.run(in: .test())
        #expect(emptied.extract?.withdrawn == 6)
        #expect(emptied.serialize?.totalSamplesByGroup.values.reduce(0, +) ?? 0 == 0)
    }

    @Test("a source that is not there creates nothing")
    func missingSourceCreatesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        await #expect(throws: SourceFailure.self) {
            try await plan(out, source: folder.appendingPathComponent("nowhere")).run(in: .test())
        }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
