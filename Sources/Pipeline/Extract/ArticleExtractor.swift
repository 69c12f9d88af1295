import Catalog
import JATS
import PMCModel
import PMCSource

/// Turns one listed article into a catalog entry: load it from the source, parse its JATS, resolve
/// its graphics to media files. Never throws: whatever goes wrong becomes the entry's `failure`,
/// naming the article, the file and the cause.
public struct ArticleExtractor: Sendable {
    let source: any ArticleSource

    /// Creates an extractor reading from `source`.
    public init(source: any ArticleSource) {
        self.source = source
    }

    /// Extracts one article.
    public func extract(_ ref: ArticleRef) async -> CatalogEntry {
        let package: ArticlePackage
        do throws(SourceError) {
            if let problem = ref.listingProblem { throw problem }
            package = try await source.loadArticle(ref)
        } catch {
            return entry(for: ref, failure: Problem(severity: .error, kind: error.kind, file: error.file, message: "\(ref.id): \(error)"))
        }
        return parse(package)
    }

    /// Parses a loaded package; split out so the parsing cost can be measured without any I/O.
    public func parse(_ package: ArticlePackage) -> CatalogEntry {
        let ref = package.ref
        let xmlFile = package.xmlFileName
        var warnings = package.warnings.map { Problem(severity: .warning, kind: "package", file: nil, message: $0) }
        let articles: [Article]
        do {
            articles = try JATSParser.parse(package.xml)
        } catch {
            let kind = switch error {
            case .malformedXML: "malformed-xml"
            case .notAnArticle: "not-jats"
            }
            return entry(for: ref, package: package, failure: Problem(
                severity: .error, kind: kind, file: xmlFile, message: "\(ref.id): \(xmlFile): \(error)"))
        }
        guard var article = articles.first(where: { $0.pmcid == ref.id.pmcid }) ?? articles.first else {
            return entry(for: ref, package: package, failure: Problem(
                severity: .error, kind: "no-article", file: xmlFile, message: "\(ref.id): \(xmlFile): the article set is empty"))
        }
        if let written = article.pmcid, written != ref.id.pmcid {
            warnings.append(Problem(
                severity: .warning, kind: "pmcid-mismatch", file: xmlFile,
                message: "\(ref.id): \(xmlFile) names \(written); the source's identity \(ref.id.pmcid) is kept"))
        }
        for index in article.figures.indices where Self.limitText(of: &article.figures[index]) {
            let figure = article.figures[index]
            warnings.append(Problem(
                severity: .warning, kind: "text-truncated", file: xmlFile,
                message: "\(ref.id): the caption or a citing paragraph of \(figure.id ?? figure.label) is over \(Self.figureTextLimit) characters: cut there"))
        }
        let resolver = MediaResolver(mediaFiles: package.mediaFiles)
        var media: [[String?]] = []
        media.reserveCapacity(article.figures.count)
        for figure in article.figures {
            let files = figure.graphics.map(resolver.resolve)
            for (href, file) in zip(figure.graphics, files) where file == nil {
                warnings.append(Problem(
                    severity: .warning, kind: "unresolved-graphic", file: xmlFile,
                    message: "\(ref.id): graphic '\(href)' of \(figure.id ?? "a figure") matches no media file"))
            }
            media.append(files)
        }
        var result = entry(for: ref, package: package, failure: nil)
        result.article = article
        result.media = media
        result.mediaChecksums = package.mediaChecksums
        result.warnings = warnings
        return result
    }

    /// The most characters a figure's caption title, caption text and each citing paragraph keep:
    /// real captions run to a few thousand, while one broken or hostile file could hold megabytes
    /// in one, which every sample and table row of it would then carry.
    public static let figureTextLimit = 100_000

    /// Cuts the caption and citing paragraphs of `figure` at `figureTextLimit`; true when any was cut.
    static func limitText(of figure: inout Figure) -> Bool {
        var cut = false
        func limited(_ text: String) -> String {
            guard text.count > figureTextLimit else { return text }
            cut = true
            return String(text.prefix(figureTextLimit))
        }
        figure.captionTitle = limited(figure.captionTitle)
        figure.caption = limited(figure.caption)
        figure.citingParagraphs = figure.citingParagraphs.map { CitingParagraph(text: limited($0.text), xml: limited($0.xml)) }
        return cut
    }

    private func entry(for ref: ArticleRef, package: ArticlePackage? = nil, failure: Problem?) -> CatalogEntry {
        CatalogEntry(
            id: ref.id, fingerprint: ref.fingerprint, sourceLocation: ref.location, lastModified: ref.lastModified,
            licenseCode: ref.licenseCode, citation: ref.citation, sourcePMID: ref.pmid, sourceDOI: package?.doi,
            article: nil, media: [], failure: failure, warnings: [])
    }
}
