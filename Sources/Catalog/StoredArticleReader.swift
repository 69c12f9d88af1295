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
                """), arguments: key).map { StoredArticle.Reference(text: $0["text"], pmid: $0["pmid"]) })
    }

    private func figures(_ key: StatementArguments) throws -> [StoredArticle.Figure] {
        var graphics: [Int: [StoredArticle.Graphic]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT figure_position, position, href, media, media_md5 FROM graphics WHERE pmcid = ? AND version = ?
            ORDER BY figure_position, position
            """), arguments: key) {
            graphics[row["figure_position"], default: []].append(StoredArticle.Graphic(
                position: row["position"], href: row["href"], media: row["media"], md5: row["media_md5"]))
        }
        var context: [Int: [String]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT figure_position, text FROM figure_references WHERE pmcid = ? AND version = ?
            ORDER BY figure_position, position
            """), arguments: key) {
            context[row["figure_position"], default: []].append(row["text"])
        }
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
