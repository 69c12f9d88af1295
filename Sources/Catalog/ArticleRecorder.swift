import GRDB
import JATS

/// Writes one `CatalogEntry` into the tables, inside the caller's transaction.
struct ArticleRecorder {
    let db: Database

    func record(_ entry: CatalogEntry) throws {
        let key: [any DatabaseValueConvertible] = [entry.id.pmcid.rawValue, entry.id.version]
        // Deleting the article cascades to its figures, graphics and references.
        try db.cachedStatement(sql: "DELETE FROM articles WHERE pmcid = ? AND version = ?")
            .execute(arguments: StatementArguments(key))
        try db.cachedStatement(sql: "DELETE FROM problems WHERE pmcid = ? AND version = ? AND stage = 'extract'")
            .execute(arguments: StatementArguments(key))

        try insertArticle(entry)
        if let article = entry.article {
            for (position, figure) in article.figures.enumerated() {
                let media = position < entry.media.count ? entry.media[position] : []
                try insertFigure(figure, media: media, checksums: entry.mediaChecksums, position: position, key: key)
            }
            for (position, reference) in article.references.enumerated() {
                try db.cachedStatement(sql: """
                    INSERT INTO bibliography (pmcid, version, position, ref_id, text, pmid, doi)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: StatementArguments(key + [position, reference.id, reference.text, reference.pmid, reference.doi]))
            }
        }
        for problem in [entry.failure].compactMap({ $0 }) + entry.warnings {
            try db.cachedStatement(sql: """
                INSERT INTO problems (pmcid, version, stage, severity, kind, file, message)
                VALUES (?, ?, 'extract', ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(key + [problem.severity.rawValue, problem.kind, problem.file, problem.message]))
        }
    }

    private func insertArticle(_ entry: CatalogEntry) throws {
        let article = entry.article
        let values: [(String, (any DatabaseValueConvertible)?)] = [
            ("pmcid", entry.id.pmcid.rawValue),
            ("version", entry.id.version),
            ("pmc_number", Int64(clamping: entry.id.pmcid.number)),
            ("status", entry.failure == nil ? "ok" : "failed"),
            ("fingerprint", entry.fingerprint),
            ("source_location", entry.sourceLocation),
            ("last_modified", entry.lastModified),
            ("license_code", entry.licenseCode),
            ("license_group", entry.licenseGroup.rawValue),
            ("citation", entry.citation),
            ("pmid", article?.pmid ?? entry.sourcePMID),
            ("doi", article?.doi ?? entry.sourceDOI),
            ("xml_pmcid", article?.pmcid?.rawValue),
            ("article_type", article?.articleType),
            ("title", article?.title),
            ("abstract", article?.abstract),
            ("journal", article?.journal),
            ("publisher", article?.publisher),
            ("date", article?.date?.description),
            ("volume", article?.volume),
            ("issue", article?.issue),
            ("first_page", article?.firstPage),
            ("last_page", article?.lastPage),
            ("license_url", article?.license?.url),
            ("license_type", article?.license?.type),
            ("license_text", article?.license?.text),
            ("copyright", article?.license?.copyright),
            ("keywords", JSONColumn.encode(article?.keywords ?? [])),
            ("subjects", JSONColumn.encode(article?.subjects ?? [])),
            ("body_text", article?.bodyText),
        ]
        let columns = values.map(\.0).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO articles (\(columns)) VALUES (\(placeholders))")
            .execute(arguments: StatementArguments(values.map(\.1)))
    }

    private func insertFigure(
        _ figure: Figure, media: [String?], checksums: [String: String], position: Int, key: [any DatabaseValueConvertible]
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO figures (pmcid, version, position, figure_id, kind, label, caption_title, caption,
                                 parent_id, license_url, license_text)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: StatementArguments(key + [
                position, figure.id, figure.kind.rawValue, figure.label, figure.captionTitle, figure.caption,
                figure.parentID, figure.license?.url, figure.license?.text,
            ]))
        for (index, href) in figure.graphics.enumerated() {
            let file = index < media.count ? media[index] : nil
            try db.cachedStatement(sql: """
                INSERT INTO graphics (pmcid, version, figure_position, position, href, media, media_md5)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(key + [position, index, href, file, file.flatMap { checksums[$0] }]))
        }
        for (index, paragraph) in figure.citingParagraphs.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO figure_references (pmcid, version, figure_position, position, text, xml)
                VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(key + [position, index, paragraph.text, paragraph.xml]))
        }
    }
}
