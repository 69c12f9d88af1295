import Annotation
import Catalog
import Crypto
import Dataset
import Foundation
import Imaging
import PMCModel
import PMCSource
import WebDataset

/// Turns one extracted article into sample candidates: reads its figures' media from the source,
/// verifies published checksums, applies the filters, processes the images and writes each
/// sample's metadata. A graphic that cannot be used becomes a problem naming the article, the
/// file and the cause, and the others go on; only a failure of the source itself throws, so that
/// the run stops and a later one retries instead of recording the images as lost.
struct ArticleSampler: Sendable {
    let source: any ArticleSource
    let options: SerializeOptions
    /// Computes each image's vector from the thumbnail its processing made, when set.
    let features: (any FeatureExtractor)?

    /// Samples one article.
    /// - Throws: `SourceError.unreachable` or `.transfer`, when the source could not be read at all.
    func sample(_ article: StoredArticle) async throws(SourceError) -> SampledArticle {
        var result = SampledArticle(id: article.id, fingerprint: article.datasetFingerprint, candidates: [], problems: [])
        var wanted: [(figure: StoredArticle.Figure, graphic: StoredArticle.Graphic, key: String, file: String)] = []
        // The href each key was given to: two graphics of one figure whose names sanitize to one
        // key are two images, and the later one is told apart by a hash of its name.
        var hrefs: [String: String] = [:]
        for figure in article.figures {
            for graphic in figure.graphics {
                var key = SampleKey.make(pmcid: article.id.pmcid.rawValue, figurePosition: figure.position, graphicName: graphic.href)
                if let taken = hrefs[key], taken != graphic.href {
                    key = SampleKey.disambiguated(key, graphicName: graphic.href)
                }
                guard hrefs[key] == nil else {
                    result.problems.append(dropped(.repeatedGraphic, article, file: graphic.media,
                                                   "graphic '\(graphic.href)' appears twice in \(figure.id ?? figure.label)"))
                    continue
                }
                hrefs[key] = graphic.href
                if Sample.caption(of: figure).isEmpty {
                    result.problems.append(dropped(.emptyCaption, article, file: graphic.media,
                                                   "\(figure.id ?? figure.label) has no caption"))
                } else if let file = graphic.media {
                    wanted.append((figure, graphic, key, file))
                } else {
                    result.problems.append(dropped(.unresolvedGraphic, article, file: nil,
                                                   "graphic '\(graphic.href)' of \(figure.id ?? figure.label) matches no media file"))
                }
            }
        }
        guard !wanted.isEmpty else { return result }

        let media: [String: Result<[UInt8], SourceError>]
        do throws(SourceError) {
            media = try await source.loadMedia(reference(to: article), files: wanted.map(\.file))
        } catch {
            if error.isTransient { throw error }
            result.problems += wanted.map { failed(error.kind, article, file: $0.file, "\(error)") }
            return result
        }
        let processor = ImageProcessor(options: options.image)
        for (figure, graphic, key, file) in wanted {
            switch media[file] ?? .failure(.missingFile(file: article.sourceLocation + file)) {
            case .failure(let error):
                if error.isTransient { throw error }
                result.problems.append(failed(error.kind, article, file: file, "\(error)"))
            case .success(let bytes):
                if let expected = graphic.md5?.lowercased() {
                    let actual = Insecure.MD5.hash(data: bytes).lowercaseHex
                    if actual != expected {
                        let error = SourceError.checksumMismatch(file: file, expected: expected, actual: actual)
                        result.problems.append(failed(error.kind, article, file: file, "\(error)"))
                        continue
                    }
                }
                do throws(ImageError) {
                    let header = try processor.header(of: bytes)
                    if let reason = options.filter.reason(for: header) {
                        result.problems.append(dropped(reason, article, file: file,
                                                       "\(file): \(header.width)x\(header.height) px"))
                        continue
                    }
                    let image = try processor.process(bytes, header: header)
                    var candidate = candidate(article, figure, graphic, key: key, file: file, image: image)
                    if let features {
                        let thumbnail = features.thumbnailSize == ImageProcessor.thumbnailSize
                            ? image.thumbnail : try RGBThumbnail(decoding: image.bytes, size: features.thumbnailSize)
                        candidate.features = features.features(of: thumbnail)
                    }
                    result.candidates.append(candidate)
                } catch {
                    result.problems.append(failed(error.kind, article, file: file, "\(file): \(error)"))
                }
            }
        }
        return result
    }

    private func candidate(
        _ article: StoredArticle, _ figure: StoredArticle.Figure, _ graphic: StoredArticle.Graphic,
        key: String, file: String, image: ProcessedImage
    ) -> SampleCandidate {
        let sample = Sample(article: article, figure: figure, key: key, file: file, image: image, biomedicaCompat: options.biomedicaCompat)
        return SampleCandidate(
            figurePosition: figure.position, graphicPosition: graphic.position, image: Data(image.bytes),
            sample: sample, licenseGroup: article.licenseGroup)
    }

    /// The reference the source loads the article's images by: its graphics' media files and the
    /// MD5s the source published for them, as extraction recorded them, so that neither the source
    /// nor a cache needs the article's metadata again.
    private func reference(to article: StoredArticle) -> ArticleRef {
        var ref = ArticleRef(
            id: article.id, licenseCode: article.licenseCode, pmid: article.pmid, citation: article.citation,
            lastModified: article.lastModified, fingerprint: article.fingerprint, location: article.sourceLocation)
        let graphics = article.figures.flatMap(\.graphics)
        var media: [String] = []
        for graphic in graphics {
            guard let name = graphic.media, ref.mediaChecksums[name] == nil, !media.contains(name) else { continue }
            media.append(name)
            ref.mediaChecksums[name] = graphic.md5
        }
        ref.mediaFiles = media
        return ref
    }

    private func dropped(_ reason: SampleFilter.Reason, _ article: StoredArticle, file: String?, _ detail: String) -> Problem {
        Problem(severity: .warning, kind: reason.rawValue, file: file, message: "\(article.id): \(detail)")
    }

    private func failed(_ kind: String, _ article: StoredArticle, file: String, _ detail: String) -> Problem {
        Problem(severity: .error, kind: kind, file: file, message: "\(article.id): \(detail)")
    }
}
