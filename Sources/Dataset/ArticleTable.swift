import Catalog
import Parquet

/// `articles.parquet`: one row per serialized article version, with what is too large to repeat
/// in every sample: the full text, the reference list and every figure's caption.
enum ArticleTable {
    private typealias Field = (column: ParquetColumn, value: @Sendable (StoredArticle, Int) -> ParquetValue)
    private static let text = SampleTable.text
    private static let list = SampleTable.list

    private static let fields: [Field] = [
        (ParquetColumn("article_accession_id", .string, optional: false), { a, _ in .string(a.id.pmcid.rawValue) }),
        (ParquetColumn("article_version", .int64, optional: false), { a, _ in .int64(Int64(a.id.version)) }),
        (ParquetColumn("article_pmid", .string), { a, _ in text(a.pmid) }),
        (ParquetColumn("article_doi", .string), { a, _ in text(a.doi) }),
        (ParquetColumn("article_title", .string), { a, _ in text(a.title) }),
        (ParquetColumn("article_journal", .string), { a, _ in text(a.journal) }),
        (ParquetColumn("article_publisher", .string), { a, _ in text(a.publisher) }),
        (ParquetColumn("article_date", .string), { a, _ in text(a.date) }),
        (ParquetColumn("article_journal_abbreviation", .string), { a, _ in text(a.pubmed?.journal?.isoAbbreviation) }),
        (ParquetColumn("article_issn", .string), { a, _ in text(a.pubmed?.journal?.issn) }),
        (ParquetColumn("article_abstract", .string), { a, _ in text(a.datasetAbstract) }),
        (ParquetColumn("article_keywords", .stringList, optional: false), { a, _ in list(a.datasetKeywords) }),
        (ParquetColumn("article_mesh_terms", .stringList, optional: false), { a, _ in list(a.meshTerms) }),
        (ParquetColumn("article_mesh_major_terms", .stringList, optional: false), { a, _ in list(a.meshMajorTerms) }),
        (ParquetColumn("article_mesh_ids", .stringList, optional: false), { a, _ in list(a.meshIDs) }),
        (ParquetColumn("article_mesh_headings", .stringList, optional: false), { a, _ in list(a.meshHeadings) }),
        (ParquetColumn("article_publication_types", .stringList, optional: false), { a, _ in list(a.publicationTypes) }),
        (ParquetColumn("article_chemicals", .stringList, optional: false), { a, _ in list(a.chemicals) }),
        (ParquetColumn("article_pubmed_enriched", .bool, optional: false), { a, _ in .bool(a.isEnriched) }),
        (ParquetColumn("article_subject", .stringList, optional: false), { a, _ in list(a.subjects) }),
        (ParquetColumn("article_citation", .string), { a, _ in text(a.citation) }),
        (ParquetColumn("article_license", .string), { a, _ in text(a.licenseCode) }),
        (ParquetColumn("article_license_group", .string, optional: false), { a, _ in .string(a.licenseGroup.rawValue) }),
        (ParquetColumn("article_license_url", .string), { a, _ in text(a.licenseURL) }),
        (ParquetColumn("article_fulltext", .string), { a, _ in text(a.bodyText) }),
        (ParquetColumn("article_references", .stringList, optional: false), { a, _ in list(a.references.map(\.text)) }),
        (ParquetColumn("article_reference_ids", .stringList, optional: false), { a, _ in list(a.referencePMIDs) }),
        (ParquetColumn("article_reference_count", .int64, optional: false), { a, _ in .int64(Int64(a.referenceCount)) }),
        (ParquetColumn("article_figures", .stringList, optional: false), { a, _ in list(a.figures.map(Sample.caption(of:))) }),
        (ParquetColumn("article_figure_count", .int64, optional: false), { a, _ in .int64(Int64(a.figures.count)) }),
        (ParquetColumn("article_sample_count", .int64, optional: false), { _, samples in .int64(Int64(samples)) }),
    ]

    /// The table's schema.
    static func schema() throws -> ParquetSchema {
        try ParquetSchema(fields.map(\.column))
    }

    /// One article's row; `samples` is how many of its samples are in the shards.
    static func row(_ article: StoredArticle, samples: Int) -> [ParquetValue] {
        fields.map { $0.value(article, samples) }
    }
}
