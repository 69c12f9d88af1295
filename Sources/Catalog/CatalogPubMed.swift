import Crypto
import Entrez
import Foundation
import GRDB
import PMCModel

/// What the enrich stage keeps in the catalog: PubMed's record for each PMID its articles carry,
/// and the PMIDs that got none. Records are kept by PMID, so a second run asks NCBI for nothing
/// it already has, and an article extracted later finds its record waiting.
extension Catalog {
    /// The PMIDs of the dataset's articles (the latest good, not withdrawn, version of each) that
    /// have no PubMed record yet, in ascending order, each once. A PMID recorded as unknown to
    /// PubMed is left out unless `includingNoRecord`; one whose requests failed is always
    /// included. PMIDs that are not plain digits are never asked for.
    public func pmidsToEnrich(includingNoRecord: Bool) throws(CatalogError) -> [String] {
        try reading { db in
            let pmids = try String.fetchAll(db, sql: """
                SELECT DISTINCT a.pmid FROM articles a
                WHERE a.pmid IS NOT NULL AND \(Self.isLatestOK)
                  AND NOT EXISTS (SELECT 1 FROM pubmed_records p WHERE p.pmid = a.pmid AND \(Self.isCurrentFormat))
                  AND NOT EXISTS (SELECT 1 FROM pubmed_misses m WHERE m.pmid = a.pmid AND m.kind = 'no-record' AND ? = 0)
                """, arguments: [includingNoRecord])
            return pmids.filter(Self.isPMID).sorted { ($0.count, $0) < ($1.count, $1) }
        }
    }

    /// How the dataset's articles stand with PubMed.
    public func pubMedCoverage() throws(CatalogError) -> PubMedCoverage {
        try reading { db in
            func count(_ condition: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM articles a WHERE \(Self.isLatestOK) AND \(condition)") ?? 0
            }
            return PubMedCoverage(
                articles: try count("1"),
                withoutPMID: try count("a.pmid IS NULL"),
                withRecord: try count("EXISTS (SELECT 1 FROM pubmed_records p WHERE p.pmid = a.pmid AND \(Self.isCurrentFormat))"),
                noRecord: try count("EXISTS (SELECT 1 FROM pubmed_misses m WHERE m.pmid = a.pmid AND m.kind = 'no-record')"),
                failed: try count("EXISTS (SELECT 1 FROM pubmed_misses m WHERE m.pmid = a.pmid AND m.kind = 'failed')"))
        }
    }

    /// Stores an efetch outcome in one transaction: each record replaces any earlier one of its
    /// PMID and clears its miss; each miss is recorded unless the PMID has a record, and as a
    /// warning of the enrich stage on every article version carrying the PMID. Returns those
    /// article versions by missed PMID, for the log.
    @discardableResult
    public func storePubMed(_ outcome: EFetchOutcome) throws(CatalogError) -> [String: [ArticleVersion]] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let now = Self.timestamp()
        return try writing { db in
            let clearProblems = try db.cachedStatement(sql: """
                DELETE FROM problems WHERE stage = 'enrich' AND (pmcid, version) IN (SELECT pmcid, version FROM articles WHERE pmid = ?)
                """)
            for record in outcome.records {
                let json = try encoder.encode(record)
                let digest = SHA256.hash(data: json).prefix(8).map { String(format: "%02x", $0) }.joined()
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO pubmed_records (pmid, record, format, digest, fetched_at) VALUES (?, ?, ?, ?, ?)
                    """).execute(arguments: [record.pmid, String(decoding: json, as: UTF8.self), Self.pubMedRecordFormat, digest, now])
                try db.cachedStatement(sql: "DELETE FROM pubmed_misses WHERE pmid = ?").execute(arguments: [record.pmid])
                try clearProblems.execute(arguments: [record.pmid])
            }
            var articlesByPMID: [String: [ArticleVersion]] = [:]
            for miss in outcome.misses {
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO pubmed_misses (pmid, kind, cause, missed_at)
                    SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM pubmed_records WHERE pmid = ?)
                    """).execute(arguments: [miss.pmid, miss.kind.rawValue, miss.cause, now, miss.pmid])
                try clearProblems.execute(arguments: [miss.pmid])
                let articles = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT pmcid, version FROM articles a WHERE a.pmid = ? AND \(Self.isLatestOK) ORDER BY a.pmc_number
                    """), arguments: [miss.pmid]).compactMap { row in
                    PMCID(row["pmcid"]).map { ArticleVersion(pmcid: $0, version: row["version"]) }
                }
                for article in articles {
                    try db.cachedStatement(sql: """
                        INSERT INTO problems (pmcid, version, stage, severity, kind, file, message)
                        VALUES (?, ?, 'enrich', 'warning', ?, NULL, ?)
                        """).execute(arguments: [
                            article.pmcid.rawValue, article.version, "pubmed-\(miss.kind.rawValue)",
                            "\(article): PMID \(miss.pmid): no PubMed record (\(miss.kind.rawValue)): \(miss.cause)",
                        ])
                }
                articlesByPMID[miss.pmid] = articles
            }
            return articlesByPMID
        }
    }

    /// The record a `pubmed_records.record` column holds, nil for none (an article without one).
    static func pubMedRecord(_ json: String?) throws -> PubMedRecord? {
        try json.map { try JSONDecoder().decode(PubMedRecord.self, from: Data($0.utf8)) }
    }

    /// The format of the records' JSON (`PubMedRecord` as it encodes): a record stored in another
    /// format is as good as absent, so a version of biomedica whose records read differently asks
    /// PubMed for them again instead of failing on them.
    static let pubMedRecordFormat = 1

    /// SQL true for a row `p` of `pubmed_records` in the current format.
    static let isCurrentFormat = "p.format = \(pubMedRecordFormat)"

    /// SQL joining each article `a` to its PubMed record `p`, if any, for the readers that show it.
    static let joiningPubMed = "articles a LEFT JOIN pubmed_records p ON p.pmid = a.pmid AND \(isCurrentFormat)"

    /// True for a PMID as PubMed writes them: 1 to 9 digits, no leading zero.
    static func isPMID(_ text: String) -> Bool {
        (1...9).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) } && !text.hasPrefix("0")
    }

    /// SQL for the fingerprint of what the dataset shows of an article `a` whose PubMed record, if
    /// any, is `p`: the source fingerprint, plus the record's digest once enriched, so that a new
    /// or changed record makes serialize write the article again.
    static let datasetFingerprint = "a.fingerprint || coalesce(' pubmed:' || p.digest, '')"
}

/// How many of the dataset's articles PubMed enriched, and why the others are not.
public struct PubMedCoverage: Sendable, Equatable {
    /// Articles in the dataset.
    public var articles: Int
    /// Of them, those without a PMID, which PubMed cannot be asked about.
    public var withoutPMID: Int
    /// Those whose PubMed record is stored.
    public var withRecord: Int
    /// Those whose PMID PubMed has no record for.
    public var noRecord: Int
    /// Those whose last request failed; the next run asks again.
    public var failed: Int

    /// Creates coverage figures.
    public init(articles: Int, withoutPMID: Int, withRecord: Int, noRecord: Int, failed: Int) {
        self.articles = articles
        self.withoutPMID = withoutPMID
        self.withRecord = withRecord
        self.noRecord = noRecord
        self.failed = failed
    }
}
