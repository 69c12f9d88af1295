import GRDB
import PMCModel

/// Reads article rows and what hangs off them into `StoredArticle`s, inside the caller's read.
struct StoredArticleReader {
    let db: Database

    func article(from row: Row) throws -> StoredArticle {
        let pmcid: String = row["pmcid"]
        let version: Int = row["version"]
        let key: StatementArguments = [pmcid, version]
        guard let id = PMCID(pmcid) else {
            throw DatabaseError(message: "the catalog holds an invalid PMCID '\(pmcid)'")
        }
        return StoredArticle(
            id: ArticleVersion(pmcid: id, version: version),
            fingerprint: row["fingerprint"],
            datasetFingerprint: row["dataset_fingerprint"],
            sourceLocation: row["source_location"],
            lastModified: row["last_modified"],
            licenseCode: row["license_code"],
            licenseGroup: LicenseGroup(rawValue: row["license_group"]) ?? .other,
            licenseURL: row["license_url"],
            citation: row["citation"],
            pmid: row["pmid"],
            doi: row["doi"],
            title: row["title"],
            abstract: row["abstract"],
            journal: row["journal"],
            publisher: row["publisher"],
            date: row["date"],
            keywords: JSONColumn.decode(row["keywords"]),
            subjects: JSONColumn.decode(row["subjects"]),
            bodyText: row["body_text"],
            figures: try figures(key),
            references: try Row.fetchAll(db.cachedStatement(sql: """
                SELECT text, pmid FROM bibliography WHERE pmcid = ? AND version = ? ORDER BY position
                """), arguments: key).map { StoredArticle.Reference(text: $0["text"], pmid: $0["pmid"]) },
            pubmed: try Catalog.pubMedRecord(row["pubmed_record"]))
    }

    private func figures(_ key: StatementArguments) throws -> [StoredArticle.Figure] {
        let graphics = try FigureRows.grouped(db, table: "graphics", columns: "position, href, media, media_md5", key: key) {
            StoredArticle.Graphic(position: $0["position"], href: $0["href"], media: $0["media"], md5: $0["media_md5"])
        }
        let context = try FigureRows.grouped(db, table: "figure_references", columns: "text", key: key) { $0["text"] as String }
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT position, figure_id, kind, label, caption_title, caption, parent_id FROM figures
            WHERE pmcid = ? AND version = ? ORDER BY position
            """), arguments: key).map { row in
            let position: Int = row["position"]
            return StoredArticle.Figure(
                position: position, id: row["figure_id"], kind: row["kind"], label: row["label"],
                captionTitle: row["caption_title"], caption: row["caption"], parentID: row["parent_id"],
                graphics: graphics[position] ?? [], context: context[position] ?? [])
        }
    }
}
