import Imaging

/// Computes an extractor's vectors for many images, `jobs` decoded at once: the work shared by
/// the features of a dataset's shards and of a folder of images.
public struct FeatureComputer: Sendable {
    /// The extractor.
    public let extractor: any FeatureExtractor
    /// Images decoded at the same time.
    public let jobs: Int
    /// Images with more pixels are refused before decoding.
    public let maxPixels = ImageOptions().maxPixels

    /// A computer running `extractor` on up to `jobs` images at once.
    public init(extractor: any FeatureExtractor, jobs: Int) {
        self.extractor = extractor
        self.jobs = max(1, jobs)
    }

    /// The vector of each image, in order, or why it could not be computed.
    public func vectors(of images: [[UInt8]]) async -> [Result<[Float], ImageError>] {
        await withTaskGroup(of: (Int, Result<[Float], ImageError>).self) { group in
            var results = [Result<[Float], ImageError>](repeating: .failure(.undecodable(reason: "not computed")), count: images.count)
            var next = 0
            func add() {
                let index = next
                group.addTask { [extractor, maxPixels] in
                    do throws(ImageError) {
                        // An image from a folder is untrusted.
                        let thumbnail = try RGBThumbnail(decoding: images[index], size: extractor.thumbnailSize, maxPixels: maxPixels)
                        return (index, .success(extractor.features(of: thumbnail)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
                next += 1
            }
            while next < min(jobs, images.count) { add() }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < images.count { add() }
            }
            return results
        }
    }

    /// The feature file of `images`, each under its key; those that cannot be decoded are left
    /// out and returned with why.
    public func featureFile(of images: [(key: String, bytes: [UInt8])]) async -> (file: FeatureFile, failures: [(key: String, error: ImageError)]) {
        var values: [Float] = []
        var keys: [String] = []
        var failures: [(key: String, error: ImageError)] = []
        for (image, result) in zip(images, await vectors(of: images.map(\.bytes))) {
            switch result {
            case .success(let vector):
                values += vector
                keys.append(image.key)
            case .failure(let error):
                failures.append((image.key, error))
            }
        }
        return (FeatureFile(matrix: FeatureMatrix(columns: extractor.dimensions, values: values), keys: keys), failures)
    }
}
