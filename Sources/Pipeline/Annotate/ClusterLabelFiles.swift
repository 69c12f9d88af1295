import Annotation
import Foundation
import PMCModel

/// Cluster labels in BIOMEDICA's format (`cluster_labels.json`) and the taxonomy they must come
/// from (`taxonomy_collapsed_and_filtered.json`).
public struct ClusterLabelFiles: Sendable {
    /// The labels file: cluster number -> panel_type, panel_subtype, global_class, local_class.
    public var labels: URL
    /// The taxonomy file: each top-level concept -> the concepts under it.
    public var taxonomy: URL

    /// The two files.
    public init(labels: URL, taxonomy: URL) {
        self.labels = labels
        self.taxonomy = taxonomy
    }

    /// The labels, checked against the taxonomy.
    /// - Throws: `AnnotationError.unreadable` naming each cluster whose labels are not in the
    ///   taxonomy, or what is wrong with either file.
    func read() throws(AnnotationError) -> [Int: ClusterLabel] {
        try ClusterLabelFile.read(labels.path, taxonomy: ConceptTaxonomy.read(taxonomy.path))
    }
}
