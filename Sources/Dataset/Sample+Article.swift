import Catalog
import Imaging

extension Sample {
    /// The sample of one graphic of `figure` in `article`, keyed `key`, whose media file `file`
    /// became `image`; with `biomedicaCompat`, the article's full text, reference list and
    /// captions are written into it too, as BIOMEDICA did.
    public init(
        article: StoredArticle, figure: StoredArticle.Figure, key: String, file: String, image: ProcessedImage, biomedicaCompat: Bool
    ) {
        let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
        self.init(
            imageFileName: file, imageHash: image.sha256, imageSize: [image.width, image.height],
            imageClusterID: stem, imageContext: figure.context,
            articleAccessionID: article.id.pmcid.rawValue, articleTitle: article.title, articleJournal: article.journal,
            articleDate: article.date, articleAbstract: article.datasetAbstract, articleMeshTerms: article.meshTerms,
            articleKeywords: article.datasetKeywords, articleSubject: article.subjects, articleCitation: article.citation,
            articleLicense: article.licenseCode, articleReferenceIDs: article.referencePMIDs,
            articleReferenceCount: article.referenceCount,
            imageID: key, imageLabel: figure.label, imageKind: figure.kind, imagePHash: image.perceptualHash,
            imageWidth: image.width, imageHeight: image.height,
            imageFormat: image.fileExtension, imageSourceFormat: image.source.format.rawValue,
            caption: Sample.caption(of: figure), captionTitle: figure.captionTitle, captionText: figure.caption,
            figureID: figure.id, figureParentID: figure.parentID, articleVersion: article.id.version,
            articlePMID: article.pmid, articleDOI: article.doi, articleLicenseGroup: article.licenseGroup.rawValue,
            articleLicenseURL: article.licenseURL, articleMeshMajorTerms: article.meshMajorTerms,
            articlePublicationTypes: article.publicationTypes, articlePubMedEnriched: article.isEnriched)
        if biomedicaCompat {
            articleFulltext = article.bodyText ?? ""
            articleReferences = article.references.map(\.text)
            articleFigures = article.figures.map(Sample.caption(of:))
        }
    }
}
