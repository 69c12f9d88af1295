import Foundation
import GRDB
import PMCModel

/// What an extract run learns from its source's listing: which article versions the source still
/// has, and so which ones it withdrew.
///
/// Each run marks the versions its listing held with a token of its own (in `listing_marks`), in
/// the same batched transactions as its extracted articles; after a complete listing, the versions in its
/// selection without that token are the withdrawn ones. The catalog, not memory, holds the marks,
/// so a listing of millions costs no more memory than one of ten.
extension Catalog {
    /// Records extracted articles and marks them and `listed` as held by the listing `listing`,
    /// in one transaction. A mark also takes back an earlier withdrawal: the version is back.
    public func record(_ entries: [CatalogEntry], listed: [ArticleVersion], by listing: Int64) throws(CatalogError) {
        try writing { db in
            for entry in entries {
                try ArticleRecorder(db: db).record(entry)
            }
            let mark = try db.cachedStatement(sql: """
                INSERT INTO listing_marks (pmcid, version, listed_in) VALUES (?, ?, ?)
                ON CONFLICT (pmcid, version) DO UPDATE SET listed_in = excluded.listed_in
                """)
            // Only a withdrawn row is written to: the others keep their pages untouched.
            let takeBack = try db.cachedStatement(sql: """
                UPDATE articles SET withdrawn_at = NULL WHERE pmcid = ? AND version = ? AND withdrawn_at IS NOT NULL
                """)
            for id in listed + entries.map(\.id) {
                try mark.execute(arguments: [id.pmcid.rawValue, id.version, listing])
                try takeBack.execute(arguments: [id.pmcid.rawValue, id.version])
            }
        }
    }

    /// True when the catalog holds a version of the article older than `id`, withdrawn or not.
    public func hasEarlierVersion(of id: ArticleVersion) throws(CatalogError) -> Bool {
        try reading(transaction: false) { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM articles WHERE pmcid = ? AND version < ?)",
                arguments: [id.pmcid.rawValue, id.version]) ?? false
        }
    }

    /// Marks as withdrawn, now, every version not withdrawn yet that `isSelected` puts inside a
    /// run's selection and that the run's complete listing `listing` did not hold; returns how
    /// many. Call it only after a listing read to its end.
    public func withdrawUnlisted(by listing: Int64, selected isSelected: @escaping @Sendable (ArticleVersion) -> Bool) throws(CatalogError) -> Int {
        try writing { db in
            try Self.asking(isSelected, in: db) {
                try db.execute(sql: """
                    UPDATE articles SET withdrawn_at = ?
                    WHERE withdrawn_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM listing_marks m
                                      WHERE m.pmcid = articles.pmcid AND m.version = articles.version AND m.listed_in = ?)
                      AND biomedica_selected(pmcid, version)
                    """, arguments: [Date().formatted(.iso8601), listing])
                return db.changesCount
            }
        }
    }

    /// The versions not withdrawn that `isSelected` puts inside a run's selection: what a
    /// listing of that selection should hold.
    public func countListedArticles(selected isSelected: @escaping @Sendable (ArticleVersion) -> Bool) throws(CatalogError) -> Int {
        try reading { db in
            try Self.asking(isSelected, in: db) {
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM articles WHERE withdrawn_at IS NULL AND biomedica_selected(pmcid, version)
                    """) ?? 0
            }
        }
    }

    /// Runs `body` with `isSelected` callable from SQL as `biomedica_selected(pmcid, version)`.
    /// The selection (a hash of the PMCID for a shard) is Swift's to decide: SQLite asks it row by
    /// row, so the candidates are never gathered in memory.
    private static func asking<T>(
        _ isSelected: @escaping @Sendable (ArticleVersion) -> Bool, in db: Database, _ body: () throws -> T
    ) rethrows -> T {
        let selected = DatabaseFunction("biomedica_selected", argumentCount: 2, pure: true) { values in
            guard let pmcid = String.fromDatabaseValue(values[0]).flatMap(PMCID.init),
                  let version = Int.fromDatabaseValue(values[1])
            else { return false }
            return isSelected(ArticleVersion(pmcid: pmcid, version: version))
        }
        db.add(function: selected)
        defer { db.remove(function: selected) }
        return try body()
    }
}
