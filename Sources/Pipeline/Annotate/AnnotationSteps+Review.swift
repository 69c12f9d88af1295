import Dataset
import Foundation

extension AnnotationSteps {
    /// Writes each cluster's contact sheet (up to `sheetImages` images, nearest the centroid
    /// first) and listing (`listed` samples) into the review folder of the dataset at `root`.
    /// Returns the clusters written and the folder.
    public static func review(dataset root: URL, catalog: URL?, sheetImages: Int, listed: Int, in context: RunContext) async throws -> (clusters: Int, folder: URL) {
        try await withDataset(root, catalog: catalog, context: context) { folder, catalog in
            var writer = ReviewWriter(catalog: catalog, dataset: folder)
            (writer.sheetImages, writer.listedSamples) = (sheetImages, listed)
            let clusters = try await context.finishing("review") { try writer.run(in: context) }
            return (clusters, writer.folder)
        }
    }
}
