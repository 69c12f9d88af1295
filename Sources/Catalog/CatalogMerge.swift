import GRDB
import PMCModel

/// What `biomedica merge` needs of catalogs: copying a part's extracted articles into the merged
/// catalog, and reading back, article by article, what a part's serialize stage committed.
extension Catalog {
    /// The extract stage's tables, parents before children so that foreign keys hold.
    private static let extractionTables = ["articles", "figures", "graphics", "figure_references", "bibliography"]

    /// The first PMCID (in PMCID order) that this catalog and the one at `path` both hold, in
    /// any version and status; nil when they share no article.
    public func sharedArticle(with path: String) throws(CatalogError) -> String? {
        try attaching(path) { db in
            try String.fetchOne(db, sql: """
                SELECT p.pmcid FROM other.articles p
                WHERE EXISTS (SELECT 1 FROM main.articles m WHERE m.pmcid = p.pmcid)
                ORDER BY p.pmc_number LIMIT 1
                """)
        }
    }

    /// Copies everything the extract stage recorded in the catalog at `path` (every article
    /// version with its figures, graphics, citing paragraphs, reference list and problems, and the
    /// PubMed records and misses of the enrich stage) into this one, in one transaction. The serialize stage's records are not copied: a merge
    /// commits them anew, renumbered, with `commitSerialization`.
    public func importExtraction(from path: String) throws(CatalogError) {
        try attaching(path) { db in
            try db.inTransaction {
                // Both catalogs come from the same migrations, so their columns line up.
                for table in Self.extractionTables {
                    try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM other.\(table)")
                }
                // PubMed records are PubMed's, not the part's: parts sharing a PMID hold the same one.
                try db.execute(sql: """
                    INSERT OR IGNORE INTO main.pubmed_records SELECT * FROM other.pubmed_records;
                    INSERT OR IGNORE INTO main.pubmed_misses SELECT * FROM other.pubmed_misses;
                    DELETE FROM main.pubmed_misses WHERE pmid IN (SELECT pmid FROM main.pubmed_records);
                    """)
                try db.execute(sql: """
                    INSERT INTO main.problems (pmcid, version, stage, severity, kind, file, message)
                    SELECT pmcid, version, stage, severity, kind, file, message FROM other.problems
                    WHERE stage != 'serialize' ORDER BY id
                    """)
                return .commit
            }
        }
    }

    /// Up to `limit` serialized articles after `after`, in PMCID order, each with its samples in
    /// build order and its serialize problems: what `commitSerialization` recorded.
    public func serializedArticles(after: ArticleVersion?, limit: Int) throws(CatalogError) -> [SerializedArticle] {
        try reading { db in
            let (number, version) = Self.orderKey(after)
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.pmcid, s.version, s.fingerprint FROM serialized_articles s
                JOIN articles a ON a.pmcid = s.pmcid AND a.version = s.version
                WHERE a.pmc_number > ? OR (a.pmc_number = ? AND a.version > ?)
                ORDER BY a.pmc_number, a.version LIMIT ?
                """, arguments: [number, number, version, limit])
            return try rows.compactMap { row in
                guard let pmcid = PMCID(row["pmcid"]) else { return nil }
                let id = ArticleVersion(pmcid: pmcid, version: row["version"])
                return SerializedArticle(
                    id: id, fingerprint: row["fingerprint"], samples: try samples(of: id, db), problems: try problems(of: id, db))
            }
        }
    }

    private func samples(of id: ArticleVersion, _ db: Database) throws -> [SampleRecord] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM samples WHERE pmcid = ? AND version = ? ORDER BY sequence
            """), arguments: [id.pmcid.rawValue, id.version]).map { row in
            SampleRecord(
                figurePosition: row["figure_position"], graphicPosition: row["graphic_position"], sequence: row["sequence"],
                key: row["key"], licenseGroup: row["license_group"], imageHash: row["image_hash"],
                perceptualHash: (row["phash"] as Int64?).map { UInt64(bitPattern: $0) }, duplicateOf: row["duplicate_of"],
                nearDuplicateOf: row["near_duplicate_of"], shard: row["shard"], metadata: row["metadata"])
        }
    }

    private func problems(of id: ArticleVersion, _ db: Database) throws -> [Problem] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT severity, kind, file, message FROM problems WHERE pmcid = ? AND version = ? AND stage = 'serialize' ORDER BY id
            """), arguments: [id.pmcid.rawValue, id.version]).map { row in
            // The table's CHECK admits only the two severities.
            Problem(severity: Problem.Severity(rawValue: row["severity"]) ?? .error, kind: row["kind"], file: row["file"], message: row["message"])
        }
    }

    /// Runs `body` with the catalog at `path` attached as `other`.
    private func attaching<T>(_ path: String, _ body: (Database) throws -> T) throws(CatalogError) -> T {
        try writingOutsideTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [path])
            defer { try? db.execute(sql: "DETACH DATABASE other") }
            return try body(db)
        }
    }
}
