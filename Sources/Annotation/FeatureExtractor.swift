import Imaging

/// Turns an image into a fixed-length vector of numbers that puts alike images near each other:
/// what PCA and k-means then group. BIOMEDICA used DINOv2 embeddings; `BuiltinFeatureExtractor`
/// needs no model weights, and another extractor (a model's embeddings) can take its place.
public protocol FeatureExtractor: Sendable {
    /// Its name and version, stored with the features and the models fitted to them, so that
    /// vectors of different extractors are never mixed.
    var name: String { get }
    /// Values per vector.
    var dimensions: Int { get }
    /// The longer side of the thumbnail it looks at, in pixels.
    var thumbnailSize: Int { get }
    /// The vector of one image, `dimensions` values.
    func features(of thumbnail: RGBThumbnail) -> [Float]
}
