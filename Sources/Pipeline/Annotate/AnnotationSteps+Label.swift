import Annotation
import Catalog
import Dataset
import Foundation

extension AnnotationSteps {
    /// What labelling did.
    public struct Labelling: Sendable {
        /// Images in a labelled cluster.
        public var images: Int
        /// Clusters holding images that have labels.
        public var labelledClusters: Int
        /// What writing the labels into the dataset changed.
        public var written: AnnotationWriter.Summary
    }

    /// Reads cluster labels in BIOMEDICA's format, checks them against the taxonomy, keeps them
    /// in the catalog of the dataset at `root` and writes them into every sample of a labelled
    /// cluster. Clusters with images but no labels, and labels of
    /// clusters without images, are logged.
    /// - Throws: `AnnotationError.unreadable` for labels outside the taxonomy (nothing is
    ///   written), `AnnotationWriterError.notAssigned` when no image has a cluster yet.
    public static func label(dataset root: URL, catalog: URL?, labels: ClusterLabelFiles, in context: RunContext) async throws -> Labelling {
        let read = try labels.read()
        return try await withDataset(root, catalog: catalog, context: context) { folder, catalog in
            guard try !catalog.clusterModels().isEmpty else { throw AnnotationWriterError.notAssigned(dataset: folder.root.path) }
            try catalog.replaceClusterLabels(read)
            let sizes = try catalog.clusterSizes()
            let unlabelled = sizes.keys.filter { read[$0] == nil }.count
            if unlabelled > 0 {
                context.logger.warning("\(unlabelled) of \(sizes.count) clusters holding images have no labels: their images keep none")
            }
            let empty = read.keys.filter { sizes[$0] == nil }.count
            if empty > 0 {
                context.logger.warning("\(empty) of \(read.count) labelled clusters hold no image: their labels reach none")
            }
            let written = try await context.finishing("shards") {
                try await AnnotateStage.writeAnnotations(catalog: catalog, dataset: folder, in: context)
            }
            let images = sizes.filter { read[$0.key] != nil }.values.reduce(0, +)
            return Labelling(images: images, labelledClusters: sizes.count - unlabelled, written: written)
        }
    }
}
