import GRDB

/// Reads one article row and what hangs off it into an `ExportedArticle`, inside the caller's read.
struct ExportReader {
    let db: Database

    func article(from row: Row) throws -> ExportedArticle {
        let pmcid: String = row["pmcid"]
        let version: Int = row["version"]
        let key: StatementArguments = [pmcid, version]
        return ExportedArticle(
            pmcid: pmcid,
            version: version,
            pmid: row["pmid"],
            doi: row["doi"],
            title: row["title"],
            abstract: row["abstract"],
            journal: row["journal"],
            date: row["date"],
            citation: row["citation"],
            licenseCode: row["license_code"],
            licenseGroup: row["license_group"],
            licenseURL: row["license_url"],
            keywords: JSONColumn.decode(row["keywords"]),
            subjects: JSONColumn.decode(row["subjects"]),
            figures: try figures(key),
            error: try failure(key),
            pubmed: try Catalog.pubMedRecord(row["pubmed_record"]))
    }

    private func figures(_ key: StatementArguments) throws -> [ExportedArticle.Figure] {
        let graphics = try FigureRows.grouped(db, table: "graphics", columns: "href, media", key: key) {
            (href: $0["href"] as String, media: $0["media"] as String?)
        }
        let references = try FigureRows.grouped(db, table: "figure_references", columns: "text, xml", key: key) {
            (text: $0["text"] as String, xml: $0["xml"] as String)
        }
        return try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM figures WHERE pmcid = ? AND version = ? ORDER BY position
            """), arguments: key).map { row in
            let position: Int = row["position"]
            let itsGraphics = graphics[position] ?? []
            let itsReferences = references[position] ?? []
            return ExportedArticle.Figure(
                id: row["figure_id"],
                kind: row["kind"],
                label: row["label"],
                captionTitle: row["caption_title"],
                caption: row["caption"],
                graphics: itsGraphics.map(\.href),
                media: itsGraphics.map(\.media),
                parentID: row["parent_id"],
                licenseURL: row["license_url"],
                references: itsReferences.map(\.text),
                referencesXML: itsReferences.map(\.xml))
        }
    }

    private func failure(_ key: StatementArguments) throws -> ExportedArticle.Failure? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT kind, message FROM problems
            WHERE pmcid = ? AND version = ? AND stage = 'extract' AND severity = 'error'
            ORDER BY id LIMIT 1
            """), arguments: key).map { ExportedArticle.Failure(kind: $0["kind"], message: $0["message"]) }
    }
}
