import Parquet

/// `samples.parquet`: one row per sample in the shards, its JSON fields as typed columns
/// (`image_size` becomes `image_width` and `image_height`). No image bytes: those stay in the shards.
enum SampleTable {
    private typealias Field = (column: ParquetColumn, value: @Sendable (Sample) -> ParquetValue)

    private static let fields: [Field] = [
        (ParquetColumn("image_id", .string, optional: false), { .string($0.imageID) }),
        (ParquetColumn("shard", .string), { text($0.shard) }),
        (ParquetColumn("image_file_name", .string, optional: false), { .string($0.imageFileName) }),
        (ParquetColumn("image_hash", .string, optional: false), { .string($0.imageHash) }),
        (ParquetColumn("image_phash", .string, optional: false), { .string($0.imagePHash) }),
        (ParquetColumn("image_width", .int64, optional: false), { .int64(Int64($0.imageWidth)) }),
        (ParquetColumn("image_height", .int64, optional: false), { .int64(Int64($0.imageHeight)) }),
        (ParquetColumn("image_format", .string, optional: false), { .string($0.imageFormat) }),
        (ParquetColumn("image_source_format", .string, optional: false), { .string($0.imageSourceFormat) }),
        (ParquetColumn("image_kind", .string, optional: false), { .string($0.imageKind) }),
        (ParquetColumn("image_label", .string, optional: false), { .string($0.imageLabel) }),
        (ParquetColumn("image_panel_type", .string), { text($0.imagePanelType) }),
        (ParquetColumn("image_panel_subtype", .string), { text($0.imagePanelSubtype) }),
        (ParquetColumn("image_primary_label", .stringList), { $0.imagePrimaryLabel.map(list) ?? .null }),
        (ParquetColumn("image_secondary_label", .stringList), { $0.imageSecondaryLabel.map(list) ?? .null }),
        (ParquetColumn("image_cluster_id", .string, optional: false), { .string($0.imageClusterID) }),
        (ParquetColumn("image_label_id", .int64), { $0.imageLabelID.map { .int64(Int64($0)) } ?? .null }),
        (ParquetColumn("image_duplicate_of", .string), { text($0.imageDuplicateOf) }),
        (ParquetColumn("image_near_duplicate_of", .string), { text($0.imageNearDuplicateOf) }),
        (ParquetColumn("image_context", .stringList, optional: false), { list($0.imageContext) }),
        (ParquetColumn("caption", .string, optional: false), { .string($0.caption) }),
        (ParquetColumn("caption_title", .string, optional: false), { .string($0.captionTitle) }),
        (ParquetColumn("caption_text", .string, optional: false), { .string($0.captionText) }),
        (ParquetColumn("figure_id", .string), { text($0.figureID) }),
        (ParquetColumn("figure_parent_id", .string), { text($0.figureParentID) }),
        (ParquetColumn("article_accession_id", .string, optional: false), { .string($0.articleAccessionID) }),
        (ParquetColumn("article_version", .int64, optional: false), { .int64(Int64($0.articleVersion)) }),
        (ParquetColumn("article_pmid", .string), { text($0.articlePMID) }),
        (ParquetColumn("article_doi", .string), { text($0.articleDOI) }),
        (ParquetColumn("article_title", .string), { text($0.articleTitle) }),
        (ParquetColumn("article_journal", .string), { text($0.articleJournal) }),
        (ParquetColumn("article_date", .string), { text($0.articleDate) }),
        (ParquetColumn("article_abstract", .string), { text($0.articleAbstract) }),
        (ParquetColumn("article_mesh_terms", .stringList, optional: false), { list($0.articleMeshTerms) }),
        (ParquetColumn("article_keywords", .stringList, optional: false), { list($0.articleKeywords) }),
        (ParquetColumn("article_subject", .stringList, optional: false), { list($0.articleSubject) }),
        (ParquetColumn("article_citation", .string), { text($0.articleCitation) }),
        (ParquetColumn("article_license", .string), { text($0.articleLicense) }),
        (ParquetColumn("article_license_group", .string, optional: false), { .string($0.articleLicenseGroup) }),
        (ParquetColumn("article_license_url", .string), { text($0.articleLicenseURL) }),
        (ParquetColumn("article_reference_ids", .stringList, optional: false), { list($0.articleReferenceIDs) }),
        (ParquetColumn("article_reference_count", .int64, optional: false), { .int64(Int64($0.articleReferenceCount)) }),
        (ParquetColumn("article_mesh_major_terms", .stringList, optional: false), { list($0.articleMeshMajorTerms) }),
        (ParquetColumn("article_publication_types", .stringList, optional: false), { list($0.articlePublicationTypes) }),
        (ParquetColumn("article_pubmed_enriched", .bool, optional: false), { .bool($0.articlePubMedEnriched) }),
    ]

    private static let compatFields: [Field] = [
        (ParquetColumn("article_fulltext", .string), { text($0.articleFulltext) }),
        (ParquetColumn("article_references", .stringList), { $0.articleReferences.map(list) ?? .null }),
        (ParquetColumn("article_figures", .stringList), { $0.articleFigures.map(list) ?? .null }),
    ]

    private static let allFields = fields + compatFields

    /// The table's schema; the `--biomedica-compat` columns only when asked for.
    static func schema(compat: Bool) throws -> ParquetSchema {
        try ParquetSchema((compat ? allFields : fields).map(\.column))
    }

    /// One sample's row, in schema order.
    static func row(_ sample: Sample, compat: Bool) -> [ParquetValue] {
        (compat ? allFields : fields).map { $0.value(sample) }
    }

    static func text(_ value: String?) -> ParquetValue {
        value.map(ParquetValue.string) ?? .null
    }

    static func list(_ values: [String]) -> ParquetValue {
        .stringList(values)
    }
}
