import Foundation
import GRDB
import JATS
import PMCModel

/// The SQLite file that holds everything extracted so far, and what is left to do.
///
/// Safe to use from many tasks: GRDB serializes writes and runs reads beside them (WAL). Each call
/// to `record(_:)` is one transaction, so a run killed at any moment leaves only whole articles.
public final class Catalog: Sendable {
    /// The catalog file.
    public let path: String
    private let database: any DatabaseWriter

    /// Opens the catalog at `path`, creating it and its tables when it does not exist yet.
    /// - Throws: `CatalogError` when the file cannot be created, opened or upgraded.
    public init(path: String) throws(CatalogError) {
        self.path = path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            database = try DatabasePool(path: path, configuration: configuration)
            try CatalogSchema.migrator.migrate(database)
        } catch {
            throw CatalogError(path: path, reason: Self.reason(error))
        }
    }

    /// Opens the catalog at `path`, which must exist, to read it only: nothing is created or
    /// upgraded, so a reader never writes a catalog that another run may be writing. A catalog
    /// made by an older version reads as it is.
    /// - Throws: `CatalogError` when the file cannot be opened.
    public init(readingAt path: String) throws(CatalogError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = true
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw CatalogError(path: path, reason: Self.reason(error))
        }
    }

    /// What the catalog holds for `id`, or nil when it has never been extracted.
    public func extractionState(of id: ArticleVersion) throws(CatalogError) -> ExtractionState? {
        // One row by primary key needs no snapshot: skipping the read transaction halves the cost
        // of this lookup, which runs once per listed article.
        try reading(transaction: false) { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT fingerprint, status FROM articles WHERE pmcid = ? AND version = ?",
                arguments: [id.pmcid.rawValue, id.version])
            return row.map { ExtractionState(fingerprint: $0["fingerprint"], failed: ($0["status"] as String) == "failed") }
        }
    }

    /// Records extracted articles in one transaction, replacing whatever was there for them.
    public func record(_ entries: [CatalogEntry]) throws(CatalogError) {
        try writing { db in
            for entry in entries {
                try ArticleRecorder(db: db).record(entry)
            }
        }
    }

    /// Notes the start of a stage run and returns its id.
    public func startRun(stage: String, source: String) throws(CatalogError) -> Int64 {
        try writing { db in
            try db.execute(
                sql: "INSERT INTO runs (stage, source, started_at) VALUES (?, ?, ?)",
                arguments: [stage, source, Self.timestamp()])
            return db.lastInsertedRowID
        }
    }

    /// What SQLite's `PRAGMA integrity_check` finds wrong with the file; empty when nothing is.
    public func integrityProblems() throws(CatalogError) -> [String] {
        try reading { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        }
    }

    /// The stage of the last run started, and whether it finished; nil before the first.
    public func lastRun() throws(CatalogError) -> (stage: String, finished: Bool)? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT stage, finished_at FROM runs ORDER BY id DESC LIMIT 1").map {
                ($0["stage"], ($0["finished_at"] as String?) != nil)
            }
        }
    }

    /// Notes the end of a stage run with its summary (JSON).
    public func finishRun(_ id: Int64, summary: String) throws(CatalogError) {
        try writing { db in
            try db.execute(
                sql: "UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?",
                arguments: [Self.timestamp(), summary, id])
        }
    }

    /// Calls `body` with every article version in PMCID order, then version order, reading one
    /// article at a time so memory stays flat whatever the catalog's size.
    public func forEachExportedArticle(_ body: (ExportedArticle) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT a.*, p.record AS pubmed_record FROM \(Self.joiningPubMed) ORDER BY a.pmc_number, a.version
                """)
            let reader = ExportReader(db: db)
            while let row = try rows.next() {
                try body(try reader.article(from: row))
            }
        }
    }

    /// Every version of one article, oldest first; empty when the catalog does not have it.
    public func exportedVersions(of pmcid: PMCID) throws(CatalogError) -> [ExportedArticle] {
        try reading { db in
            let reader = ExportReader(db: db)
            return try Row.fetchAll(
                db, sql: """
                    SELECT a.*, p.record AS pubmed_record FROM \(Self.joiningPubMed) WHERE a.pmcid = ? ORDER BY a.version
                    """, arguments: [pmcid.rawValue]
            ).map(reader.article(from:))
        }
    }

    /// Counts of articles by status and of figures by kind: what a summary or a check needs.
    public func counts() throws(CatalogError) -> CatalogCounts {
        try reading { db in
            CatalogCounts(
                articles: try Int.fetchOne(db, sql: "SELECT count(*) FROM articles WHERE status = 'ok'") ?? 0,
                failedArticles: try Int.fetchOne(db, sql: "SELECT count(*) FROM articles WHERE status = 'failed'") ?? 0,
                figures: try Int.fetchOne(db, sql: "SELECT count(*) FROM figures WHERE kind = 'fig'") ?? 0,
                tables: try Int.fetchOne(db, sql: "SELECT count(*) FROM figures WHERE kind = 'table'") ?? 0,
                graphics: try Int.fetchOne(db, sql: "SELECT count(*) FROM graphics") ?? 0)
        }
    }

    func reading<T>(transaction: Bool = true, _ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try transaction ? database.read(body) : database.unsafeRead(body)
        } catch {
            throw CatalogError(path: path, reason: Self.reason(error))
        }
    }

    func writing<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw CatalogError(path: path, reason: Self.reason(error))
        }
    }

    /// Like `writing`, but outside a transaction, for what SQLite refuses inside one (`ATTACH`).
    func writingOutsideTransaction<T>(_ body: (Database) throws -> T) throws(CatalogError) -> T {
        do {
            return try database.writeWithoutTransaction(body)
        } catch {
            throw CatalogError(path: path, reason: Self.reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error)"
        }
        return "\(error)"
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601)
    }
}

/// How much the catalog holds.
public struct CatalogCounts: Sendable, Equatable {
    /// Articles extracted without error.
    public var articles: Int
    /// Articles whose extraction failed.
    public var failedArticles: Int
    /// `fig` items.
    public var figures: Int
    /// `table` items.
    public var tables: Int
    /// Graphics of all items.
    public var graphics: Int

    /// Creates counts.
    public init(articles: Int, failedArticles: Int, figures: Int, tables: Int, graphics: Int) {
        self.articles = articles
        self.failedArticles = failedArticles
        self.figures = figures
        self.tables = tables
        self.graphics = graphics
    }
}
