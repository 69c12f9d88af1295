import GRDB
import PMCModel

/// What the serialize stage reads from and commits to the catalog.
///
/// Samples, problems and the stage's checkpoint (where the shard writers stood) are committed in
/// one transaction per batch, after the shards have been synced: a run killed at any moment
/// finds a checkpoint that matches the bytes on disk up to it.
extension Catalog {
    /// Up to `limit` articles to serialize after `after`, in PMCID order: of each article, the
    /// latest version that was extracted without error, unless the source withdrew it.
    public func storedArticles(after: ArticleVersion?, limit: Int) throws(CatalogError) -> [StoredArticle] {
        try reading { db in
            let reader = StoredArticleReader(db: db)
            let (number, version) = Self.orderKey(after)
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.*, p.record AS pubmed_record, \(Self.datasetFingerprint) AS dataset_fingerprint
                FROM \(Self.joiningPubMed)
                WHERE \(Self.isLatestOK) AND (a.pmc_number > ? OR (a.pmc_number = ? AND a.version > ?))
                ORDER BY a.pmc_number, a.version LIMIT ?
                """), arguments: [number, number, version, limit]).map(reader.article(from:))
        }
    }

    /// How many articles `storedArticles(after:limit:)` would return without a limit.
    public func countStoredArticles(after: ArticleVersion?) throws(CatalogError) -> Int {
        try reading { db in
            let (number, version) = Self.orderKey(after)
            return try Int.fetchOne(db, sql: """
                SELECT count(*) FROM articles a WHERE \(Self.isLatestOK) AND (a.pmc_number > ? OR (a.pmc_number = ? AND a.version > ?))
                """, arguments: [number, number, version]) ?? 0
        }
    }

    /// SQL true for a row `a` of `articles` that is the latest version of its article extracted
    /// without error and not withdrawn. A withdrawn version hides the older ones too: the article
    /// left the open access subset, and its earlier text must not come back in its place.
    static let isLatestOK = """
        a.status = 'ok' AND a.withdrawn_at IS NULL AND a.version = (SELECT max(b.version) FROM articles b
            WHERE b.pmcid = a.pmcid AND (b.status = 'ok' OR b.withdrawn_at IS NOT NULL))
        """

    /// The checkpoint of the last serialize commit (opaque to the catalog), nil when none.
    public func serializeCheckpoint() throws(CatalogError) -> String? {
        try reading { db in try String.fetchOne(db, sql: "SELECT checkpoint FROM serialize_state WHERE id = 1") }
    }

    /// Forgets everything the serialize stage recorded, to start it from scratch.
    public func resetSerialization() throws(CatalogError) {
        try writing { db in
            try db.execute(sql: """
                DELETE FROM samples; DELETE FROM phash_bands; DELETE FROM serialized_articles; DELETE FROM serialize_state;
                DELETE FROM shard_stamps;
                DELETE FROM problems WHERE stage = 'serialize';
                """)
        }
    }

    /// Records a batch of serialized articles, the checkpoint that follows them and the stamps of
    /// the shards finished or changed since the last commit (by shard), in one transaction.
    public func commitSerialization(_ articles: [SerializedArticle], checkpoint: String, stamps: [String: String] = [:]) throws(CatalogError) {
        try writing { db in
            try Self.store(stamps, in: db)
            for article in articles {
                let key: [any DatabaseValueConvertible] = [article.id.pmcid.rawValue, article.id.version]
                for sample in article.samples {
                    try db.cachedStatement(sql: """
                        INSERT INTO samples (pmcid, version, figure_position, graphic_position, sequence, key, license_group,
                                             image_hash, phash, duplicate_of, near_duplicate_of, shard, metadata)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: StatementArguments(key + [
                            sample.figurePosition, sample.graphicPosition, sample.sequence, sample.key, sample.licenseGroup,
                            sample.imageHash, sample.perceptualHash.map { Int64(bitPattern: $0) }, sample.duplicateOf,
                            sample.nearDuplicateOf, sample.shard, sample.metadata,
                        ]))
                    if let hash = sample.perceptualHash, sample.duplicateOf == nil {
                        for (band, value) in PerceptualHashBands.values(of: hash).enumerated() {
                            try db.cachedStatement(sql: "INSERT INTO phash_bands (band, value, sequence) VALUES (?, ?, ?)")
                                .execute(arguments: [band, value, sample.sequence])
                        }
                    }
                }
                for problem in article.problems {
                    try db.cachedStatement(sql: """
                        INSERT INTO problems (pmcid, version, stage, severity, kind, file, message)
                        VALUES (?, ?, 'serialize', ?, ?, ?, ?)
                        """).execute(arguments: StatementArguments(key + [problem.severity.rawValue, problem.kind, problem.file, problem.message]))
                }
                try db.cachedStatement(sql: "INSERT INTO serialized_articles (pmcid, version, fingerprint) VALUES (?, ?, ?)")
                    .execute(arguments: StatementArguments(key + [article.fingerprint]))
            }
            try db.execute(sql: "INSERT OR REPLACE INTO serialize_state (id, checkpoint) VALUES (1, ?)", arguments: [checkpoint])
        }
    }

    /// Every shard's stamp, by shard (`GROUP/NNNNNN.tar`).
    public func shardStamps() throws(CatalogError) -> [String: String] {
        try reading { db in
            // A catalog read as an older version made it has no stamps.
            guard try db.tableExists("shard_stamps") else { return [:] }
            return Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT shard, stamp FROM shard_stamps").map { ($0["shard"], $0["stamp"]) })
        }
    }

    /// Writes `stamps` (shard -> stamp), replacing those of the same shards.
    static func store(_ stamps: [String: String], in db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO shard_stamps (shard, stamp) VALUES (?, ?)")
        for (shard, stamp) in stamps.sorted(by: { $0.key < $1.key }) {
            try statement.execute(arguments: [shard, stamp])
        }
    }

    /// The key of the first committed sample with these bytes that is not itself a duplicate.
    public func keptSample(withImageHash hash: String) throws(CatalogError) -> String? {
        try reading(transaction: false) { db in
            try String.fetchOne(db.cachedStatement(sql: """
                SELECT key FROM samples WHERE image_hash = ? AND duplicate_of IS NULL ORDER BY sequence LIMIT 1
                """), arguments: [hash])
        }
    }

    /// The committed sample, not an exact duplicate, whose perceptual hash is nearest `hash` and at
    /// most `distance` bits from it (the earliest of equals); nil when there is none.
    public func nearestSample(toPerceptualHash hash: UInt64, within distance: Int) throws(CatalogError) -> NearSample? {
        try reading(transaction: false) { db in
            let statement = try db.cachedStatement(sql: """
                SELECT s.key, s.phash, s.sequence FROM phash_bands b JOIN samples s ON s.sequence = b.sequence
                WHERE b.band = ? AND b.value = ?
                """)
            var nearest: NearSample?
            for (band, values) in PerceptualHashBands.candidates(of: hash, within: distance).enumerated() {
                for value in values {
                    let rows = try Row.fetchCursor(statement, arguments: [band, value])
                    while let row = try rows.next() {
                        let other = UInt64(bitPattern: row["phash"] as Int64)
                        let found = NearSample(key: row["key"], sequence: row["sequence"], distance: (other ^ hash).nonzeroBitCount)
                        if found.distance <= distance, nearest.map({ found.isNearer(than: $0) }) ?? true { nearest = found }
                    }
                }
            }
            return nearest
        }
    }

    /// How many committed articles are no longer the catalog's latest good version with the same
    /// fingerprint, plus how many articles up to `through` were never serialized: non-zero means
    /// the shards are stale.
    public func staleSerializations(through: ArticleVersion?) throws(CatalogError) -> Int {
        try reading { db in
            let (number, version) = Self.orderKey(through)
            let changed = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM serialized_articles s
                WHERE NOT EXISTS (SELECT 1 FROM \(Self.joiningPubMed)
                                  WHERE a.pmcid = s.pmcid AND a.version = s.version
                                  AND \(Self.datasetFingerprint) = s.fingerprint AND \(Self.isLatestOK))
                """) ?? 0
            let missed = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM articles a
                WHERE \(Self.isLatestOK) AND (a.pmc_number < ? OR (a.pmc_number = ? AND a.version <= ?))
                  AND NOT EXISTS (SELECT 1 FROM serialized_articles s WHERE s.pmcid = a.pmcid AND s.version = a.version)
                """, arguments: [number, number, version]) ?? 0
            return changed + missed
        }
    }

    /// Calls `body` with the JSON of every sample written to a shard, in build order.
    public func forEachWrittenSample(_ body: (String) throws -> Void) throws(CatalogError) {
        try reading { db in
            let rows = try String.fetchCursor(db, sql: "SELECT metadata FROM samples WHERE shard IS NOT NULL ORDER BY sequence")
            while let metadata = try rows.next() { try body(metadata) }
        }
    }

    /// The number of written samples per article version.
    public func writtenSampleCounts() throws(CatalogError) -> [ArticleVersion: Int] {
        try reading { db in
            var counts: [ArticleVersion: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT pmcid, version, count(*) AS n FROM samples WHERE shard IS NOT NULL GROUP BY pmcid, version
                """) {
                if let pmcid = PMCID(row["pmcid"]) {
                    counts[ArticleVersion(pmcid: pmcid, version: row["version"])] = row["n"]
                }
            }
            return counts
        }
    }

    /// `(pmc_number, version)` of an article, or a key before every article for nil.
    static func orderKey(_ id: ArticleVersion?) -> (Int64, Int) {
        guard let id else { return (-1, 0) }
        return (Int64(clamping: id.pmcid.number), id.version)
    }
}
