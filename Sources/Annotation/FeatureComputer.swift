import Imaging

/// Computes an extractor's vectors for many images, `jobs` decoded at once: the work shared by
/// the features of a dataset's shards and of a folder of images.
public struct FeatureComputer: Sendable {
    /// The extractor.
    public let extractor: any FeatureExtractor
    /// Images decoded at the same time.
    public let jobs: Int
    private let processor = ImageProcessor()

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
                group.addTask { [extractor, processor] in
                    do throws(ImageError) {
                        // The pixel limit holds before any decoding: an image from a folder is untrusted.
                        let header = try processor.header(of: images[index])
                        guard header.pixels <= processor.options.maxPixels else {
                            throw .tooManyPixels(width: header.width, height: header.height, limit: processor.options.maxPixels)
                        }
                        let thumbnail = try RGBThumbnail(decoding: images[index], size: extractor.thumbnailSize)
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
}
