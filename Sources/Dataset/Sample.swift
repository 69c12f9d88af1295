import Catalog
import Foundation
import PMCModel

/// The metadata of one sample, written as `KEY.json` into its shard and as a row of
/// `samples.parquet`.
///
/// Field names follow BIOMEDICA's, so code written for its dataset reads ours; the fields it did
/// not have are ours. Every field is written, `null` where there is no value, so that every JSON
/// object has the same keys.
public struct Sample: Sendable, Equatable, Codable {
    // BIOMEDICA's fields.
    /// The media file name within the article.
    public var imageFileName: String
    /// SHA-256 of the stored image bytes, lowercase hex.
    public var imageHash: String
    /// `[width, height]` of the stored image.
    public var imageSize: [Int]
    /// Panel type, `single` or `multiple` (annotate stage); nil until the image's cluster is labelled.
    public var imagePanelType: String?
    /// Panel subtype (annotate stage).
    public var imagePanelSubtype: String?
    /// The taxonomy's top-level concepts (annotate stage), for example `["Microscopy"]`.
    public var imagePrimaryLabel: [String]?
    /// The concepts under them (annotate stage), for example `["fluorescence microscopy"]`.
    public var imageSecondaryLabel: [String]?
    /// The image's file stem: what BIOMEDICA stored under this name.
    public var imageClusterID: String
    /// The k-means cluster (annotate stage).
    public var imageLabelID: Int?
    /// The paragraphs citing the figure.
    public var imageContext: [String]
    /// The PMCID.
    public var articleAccessionID: String
    /// Article title.
    public var articleTitle: String?
    /// Journal title.
    public var articleJournal: String?
    /// Publication date, `YYYY[-MM[-DD]]`.
    public var articleDate: String?
    /// Abstract.
    public var articleAbstract: String?
    /// MeSH terms (enrich stage).
    public var articleMeshTerms: [String]
    /// Author keywords.
    public var articleKeywords: [String]
    /// Subjects from `article-categories`.
    public var articleSubject: [String]
    /// PMC's short citation.
    public var articleCitation: String?
    /// PMC's license code, for example `CC BY`.
    public var articleLicense: String?
    /// PMIDs of the references that have one.
    public var articleReferenceIDs: [String]
    /// Entries in the reference list.
    public var articleReferenceCount: Int

    // Ours.
    /// The sample key.
    public var imageID: String
    /// The figure's label, for example `Figure 2`.
    public var imageLabel: String
    /// `fig` or `table`.
    public var imageKind: String
    /// The 64-bit perceptual hash, 16 hex digits.
    public var imagePHash: String
    /// Stored width.
    public var imageWidth: Int
    /// Stored height.
    public var imageHeight: Int
    /// The stored file's extension: `jpg`, `png` or `webp`.
    public var imageFormat: String
    /// The format of the source file.
    public var imageSourceFormat: String
    /// The key of the kept sample with the same bytes (`image_hash`), when this one is a duplicate.
    public var imageDuplicateOf: String?
    /// The key of the earlier sample whose perceptual hash is the nearest within the build's
    /// `--near-duplicate-distance`, when this one is not an exact duplicate.
    public var imageNearDuplicateOf: String?
    /// The caption as `KEY.txt` holds it: title and text.
    public var caption: String
    /// The caption's title.
    public var captionTitle: String
    /// The caption's text without its title.
    public var captionText: String
    /// `fig/@id` or `table-wrap/@id`.
    public var figureID: String?
    /// The enclosing figure's id for a nested supplementary figure.
    public var figureParentID: String?
    /// The article version.
    public var articleVersion: Int
    /// PubMed identifier.
    public var articlePMID: String?
    /// DOI.
    public var articleDOI: String?
    /// `commercial`, `noncommercial` or `other`.
    public var articleLicenseGroup: String
    /// The license URL from the XML.
    public var articleLicenseURL: String?
    /// The MeSH descriptors marked as a main point of the article (enrich stage).
    public var articleMeshMajorTerms: [String]
    /// PubMed's publication types, for example `Journal Article`, `Review` (enrich stage).
    public var articlePublicationTypes: [String]
    /// True once PubMed's record joined the article (enrich stage); a record may have no MeSH.
    public var articlePubMedEnriched: Bool
    /// The shard holding the sample, `GROUP/NNNNNN.tar`; nil for a duplicate left out.
    public var shard: String?

    // With `--biomedica-compat` only, as BIOMEDICA wrote them into every sample.
    /// The article's body text.
    public var articleFulltext: String?
    /// The reference list as text.
    public var articleReferences: [String]?
    /// Every figure's caption in the article.
    public var articleFigures: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case imageFileName = "image_file_name"
        case imageHash = "image_hash"
        case imageSize = "image_size"
        case imagePanelType = "image_panel_type"
        case imagePanelSubtype = "image_panel_subtype"
        case imagePrimaryLabel = "image_primary_label"
        case imageSecondaryLabel = "image_secondary_label"
        case imageClusterID = "image_cluster_id"
        case imageLabelID = "image_label_id"
        case imageContext = "image_context"
        case articleAccessionID = "article_accession_id"
        case articleTitle = "article_title"
        case articleJournal = "article_journal"
        case articleDate = "article_date"
        case articleAbstract = "article_abstract"
        case articleMeshTerms = "article_mesh_terms"
        case articleKeywords = "article_keywords"
        case articleSubject = "article_subject"
        case articleCitation = "article_citation"
        case articleLicense = "article_license"
        case articleReferenceIDs = "article_reference_ids"
        case articleReferenceCount = "article_reference_count"
        case imageID = "image_id"
        case imageLabel = "image_label"
        case imageKind = "image_kind"
        case imagePHash = "image_phash"
        case imageWidth = "image_width"
        case imageHeight = "image_height"
        case imageFormat = "image_format"
        case imageSourceFormat = "image_source_format"
        case imageDuplicateOf = "image_duplicate_of"
        case imageNearDuplicateOf = "image_near_duplicate_of"
        case caption
        case captionTitle = "caption_title"
        case captionText = "caption_text"
        case figureID = "figure_id"
        case figureParentID = "figure_parent_id"
        case articleVersion = "article_version"
        case articlePMID = "article_pmid"
        case articleDOI = "article_doi"
        case articleLicenseGroup = "article_license_group"
        case articleLicenseURL = "article_license_url"
        case articleMeshMajorTerms = "article_mesh_major_terms"
        case articlePublicationTypes = "article_publication_types"
        case articlePubMedEnriched = "article_pubmed_enriched"
        case shard
        case articleFulltext = "article_fulltext"
        case articleReferences = "article_references"
        case articleFigures = "article_figures"
    }

    /// True when the `--biomedica-compat` fields are present.
    var hasCompatFields: Bool { articleFulltext != nil || articleReferences != nil || articleFigures != nil }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(imageFileName, forKey: .imageFileName)
        try container.encode(imageHash, forKey: .imageHash)
        try container.encode(imageSize, forKey: .imageSize)
        try container.encode(imagePanelType, forKey: .imagePanelType)
        try container.encode(imagePanelSubtype, forKey: .imagePanelSubtype)
        try container.encode(imagePrimaryLabel, forKey: .imagePrimaryLabel)
        try container.encode(imageSecondaryLabel, forKey: .imageSecondaryLabel)
        try container.encode(imageClusterID, forKey: .imageClusterID)
        try container.encode(imageLabelID, forKey: .imageLabelID)
        try container.encode(imageContext, forKey: .imageContext)
        try container.encode(articleAccessionID, forKey: .articleAccessionID)
        try container.encode(articleTitle, forKey: .articleTitle)
        try container.encode(articleJournal, forKey: .articleJournal)
        try container.encode(articleDate, forKey: .articleDate)
        try container.encode(articleAbstract, forKey: .articleAbstract)
        try container.encode(articleMeshTerms, forKey: .articleMeshTerms)
        try container.encode(articleKeywords, forKey: .articleKeywords)
        try container.encode(articleSubject, forKey: .articleSubject)
        try container.encode(articleCitation, forKey: .articleCitation)
        try container.encode(articleLicense, forKey: .articleLicense)
        try container.encode(articleReferenceIDs, forKey: .articleReferenceIDs)
        try container.encode(articleReferenceCount, forKey: .articleReferenceCount)
        try container.encode(imageID, forKey: .imageID)
        try container.encode(imageLabel, forKey: .imageLabel)
        try container.encode(imageKind, forKey: .imageKind)
        try container.encode(imagePHash, forKey: .imagePHash)
        try container.encode(imageWidth, forKey: .imageWidth)
        try container.encode(imageHeight, forKey: .imageHeight)
        try container.encode(imageFormat, forKey: .imageFormat)
        try container.encode(imageSourceFormat, forKey: .imageSourceFormat)
        try container.encode(imageDuplicateOf, forKey: .imageDuplicateOf)
        try container.encode(imageNearDuplicateOf, forKey: .imageNearDuplicateOf)
        try container.encode(caption, forKey: .caption)
        try container.encode(captionTitle, forKey: .captionTitle)
        try container.encode(captionText, forKey: .captionText)
        try container.encode(figureID, forKey: .figureID)
        try container.encode(figureParentID, forKey: .figureParentID)
        try container.encode(articleVersion, forKey: .articleVersion)
        try container.encode(articlePMID, forKey: .articlePMID)
        try container.encode(articleDOI, forKey: .articleDOI)
        try container.encode(articleLicenseGroup, forKey: .articleLicenseGroup)
        try container.encode(articleLicenseURL, forKey: .articleLicenseURL)
        try container.encode(articleMeshMajorTerms, forKey: .articleMeshMajorTerms)
        try container.encode(articlePublicationTypes, forKey: .articlePublicationTypes)
        try container.encode(articlePubMedEnriched, forKey: .articlePubMedEnriched)
        try container.encode(shard, forKey: .shard)
        if hasCompatFields {
            try container.encode(articleFulltext, forKey: .articleFulltext)
            try container.encode(articleReferences, forKey: .articleReferences)
            try container.encode(articleFigures, forKey: .articleFigures)
        }
    }
}

extension Sample {
    /// Sets the annotate stage's fields from the image's cluster and that cluster's entry in
    /// `labels`, clearing them when there is no cluster, or no labels for it.
    public mutating func annotate(cluster: Int?, labels: [Int: ClusterLabel]) {
        imageLabelID = cluster
        let labels = cluster.flatMap { labels[$0] }
        imagePanelType = labels?.panelType
        imagePanelSubtype = labels?.panelSubtype
        imagePrimaryLabel = labels?.primary
        imageSecondaryLabel = labels?.secondary
    }

    /// The caption a figure's samples carry, as `KEY.txt` holds it: title and text, joined by one space.
    public static func caption(of figure: StoredArticle.Figure) -> String {
        [figure.captionTitle, figure.caption].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The encoder for `KEY.json`: sorted keys and unescaped slashes, so the same sample always
    /// gives the same bytes.
    public static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
