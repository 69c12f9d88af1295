import Catalog
import Dataset
import Foundation
import PMCModel

/// A figure graphic that passed the filters and was processed: its image bytes and metadata,
/// waiting for the duplicate check and a shard.
struct SampleCandidate: Sendable {
    /// The figure's position in its article.
    var figurePosition: Int
    /// The graphic's position in its figure.
    var graphicPosition: Int
    /// The stored image.
    var image: Data
    /// The sample's metadata; `shard` and `imageDuplicateOf` are filled when it is written.
    var sample: Sample
    /// The shard folder it goes to.
    var licenseGroup: LicenseGroup
    /// The image's feature vector, when the stage computes them.
    var features: [Float]?
}

/// What the sampler made of one article: its candidates in order and the problems of the
/// graphics that did not become candidates.
struct SampledArticle: Sendable {
    /// The article version.
    var id: ArticleVersion
    /// The extraction fingerprint it was sampled from.
    var fingerprint: String
    /// Candidates in figure, then graphic order.
    var candidates: [SampleCandidate]
    /// Dropped (warning) and failed (error) graphics.
    var problems: [Problem]
}
