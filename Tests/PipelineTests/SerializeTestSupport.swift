import Catalog
import Dataset
import Foundation
import GRDB
import PMCModel
import PMCSource
import Pipeline
import TestSupport
import Testing
import WebDataset

/// A catalog and an output folder in a fresh temporary folder, filled by running the extract
/// stage over one of the shared corpus's PMC Cloud folders.
struct SerializeFixture {
    let folder: URL
    let corpus: URL
    let catalog: Catalog
    let source: any ArticleSource

    /// Extracts `corpus` (relative to the shared corpus) into a new catalog.
    static func extracted(_ corpus: String, selection: ArticleSelection = ArticleSelection()) async throws -> SerializeFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serialize-stage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = try SharedCorpus.url(corpus)
        let source = CloudSource(store: LocalObjectStore(root: root))
        let catalog = try Catalog(path: folder.appendingPathComponent("catalog.sqlite").path)
        let fixture = SerializeFixture(folder: folder, corpus: root, catalog: catalog, source: source)
        try await fixture.extract(selection)
        return fixture
    }

    /// Runs the extract stage (again) into the catalog.
    func extract(_ selection: ArticleSelection = ArticleSelection()) async throws {
        _ = try await ExtractStage(source: source, catalog: catalog, selection: selection).run(in: .test())
    }

    /// Runs the serialize stage writing under `out` (a folder name inside the fixture's folder).
    @discardableResult
    func serialize(
        into out: String = "out", options: SerializeOptions = SerializeOptions(), jobs: Int = 2, batchSize: Int = 64,
        source: (any ArticleSource)? = nil, catalog: Catalog? = nil, features: (any FeatureExtractor)? = nil
    ) async throws -> SerializeStage.Summary {
        let dataset = try await DatasetFolder.openForWriting(output(out), catalog: URL(fileURLWithPath: (catalog ?? self.catalog).path), wait: false)
        defer { dataset.release() }
        var stage = SerializeStage(source: source ?? self.source, catalog: catalog ?? self.catalog, dataset: dataset, options: options)
        stage.batchSize = batchSize
        stage.features = features
        return try await stage.run(in: .test(jobs: jobs))
    }

    func output(_ name: String) -> URL {
        folder.appendingPathComponent(name)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every file under `root`, by path relative to it, with its bytes.
    static func files(under root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return files
        }
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            files[path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path] = try Data(contentsOf: url)
        }
        return files
    }

    /// The dataset's shards and tables (not the catalog, the folder's marker or its lock) under `out`.
    func dataset(_ out: String = "out") throws -> [String: Data] {
        try Self.files(under: output(out)).filter { !$0.key.hasPrefix("catalog") && !$0.key.hasPrefix(".biomedica-dataset") }
    }

    /// The samples of one license group's shards, in shard order, with the shard each came from.
    func shardSamples(_ out: String = "out", group: LicenseGroup) throws -> [(shard: String, sample: WebDatasetSample)] {
        let directory = output(out).appendingPathComponent("shards/\(group.rawValue)")
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tar") }.sorted()
        return try names.flatMap { name in
            try ShardReader.readAll(url: directory.appendingPathComponent(name)).map { ("\(group.rawValue)/\(name)", $0) }
        }
    }

    /// The problems the serialize stage recorded, read straight from the catalog's table.
    func serializeProblems() throws -> [RecordedProblem] {
        let queue = try DatabaseQueue(path: catalog.path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT pmcid, severity, kind, file, message FROM problems WHERE stage = 'serialize' ORDER BY id
                """).map {
                RecordedProblem(pmcid: $0["pmcid"], severity: $0["severity"], kind: $0["kind"], file: $0["file"], message: $0["message"])
            }
        }
    }

    /// The samples the catalog holds (written or not), in build order.
    func sampleRows() throws -> [SampleRow] {
        let queue = try DatabaseQueue(path: catalog.path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT pmcid, key, duplicate_of, shard FROM samples ORDER BY sequence").map {
                SampleRow(pmcid: $0["pmcid"], key: $0["key"], duplicateOf: $0["duplicate_of"], shard: $0["shard"])
            }
        }
    }
}

/// One row of the catalog's `problems` table.
struct RecordedProblem: Equatable {
    var pmcid: String
    var severity: String
    var kind: String
    var file: String?
    var message: String
}

/// One row of the catalog's `samples` table.
struct SampleRow: Equatable {
    var pmcid: String
    var key: String
    var duplicateOf: String?
    var shard: String?
}

/// A sample's JSON as a dictionary.
func sampleJSON(_ sample: WebDatasetSample) throws -> [String: Any] {
    let data = try #require(sample.member("json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// The real source with a fault injected: from the `after + 1`-th media request on, `fault` runs
/// first, and the request fails with the error it returns, if any (a source gone away), or goes
/// on (when the fault is elsewhere, for instance the catalog refusing commits: a killed process).
/// Not a mock: every byte still comes from the wrapped source.
final class FaultySource: ArticleSource, @unchecked Sendable {
    let base: any ArticleSource
    let after: Int
    let fault: @Sendable (_ request: Int) -> SourceError?
    private let lock = NSLock()
    private var requests = 0

    init(_ base: any ArticleSource, after: Int, fault: @escaping @Sendable (_ request: Int) -> SourceError?) {
        self.base = base
        self.after = after
        self.fault = fault
    }

    var description: String { base.description }

    func listArticles(_ filter: ListingFilter) -> AsyncThrowingStream<ListedArticle, any Error> {
        base.listArticles(filter)
    }

    func loadArticle(_ ref: ArticleRef) async throws(SourceError) -> ArticlePackage {
        try await base.loadArticle(ref)
    }

    func loadMedia(_ ref: ArticleRef, files: [String]) async throws(SourceError) -> [String: Result<[UInt8], SourceError>] {
        let count = lock.withLock {
            requests += 1
            return requests
        }
        if count > after, let error = fault(count) { throw error }
        return try await base.loadMedia(ref, files: files)
    }
}

/// Holds the catalog's write lock from another connection, so the stage's next commit fails the
/// way it would if the process died before it: nothing of the batch reaches the catalog.
final class CatalogWriteLock: @unchecked Sendable {
    private let queue: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    func take() throws {
        try queue.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
    }

    func release() throws {
        try queue.inDatabase { try $0.execute(sql: "ROLLBACK") }
    }
}
