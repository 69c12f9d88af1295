import Foundation
import PMCModel

/// Cluster annotations in BIOMEDICA's format (`cluster_labels.json`): a JSON object from each
/// cluster number (`"0"`, `"1"`, ...) to its `panel_type`, `panel_subtype`, `global_class` and
/// `local_class`, as experts gave them after looking at the cluster's contact sheet.
public enum ClusterLabelFile {
    /// Bad labels listed in one error at most; the count says how many there were.
    static let listedProblems = 20

    /// Reads the labels at `path` and checks every concept against `taxonomy`.
    /// - Throws: `AnnotationError.unreadable` naming each cluster whose labels are not in the
    ///   taxonomy, or what is wrong with the file.
    public static func read(_ path: String, taxonomy: ConceptTaxonomy) throws(AnnotationError) -> [Int: ClusterLabel] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "cannot be read")
        }
        let entries: [String: ClusterLabel]
        do {
            entries = try JSONDecoder().decode([String: ClusterLabel].self, from: data)
        } catch {
            throw .unreadable(file: path, reason: "is not in BIOMEDICA's cluster label format: \(JSONProblem(error))")
        }
        var labels: [Int: ClusterLabel] = [:]
        var problems: [String] = []
        // Cluster names in numeric order ("7" before "10"), so the problems read in the file's order.
        for (name, label) in entries.sorted(by: { $0.key.count == $1.key.count ? $0.key < $1.key : $0.key.count < $1.key.count }) {
            guard let cluster = Int(name), cluster >= 0, String(cluster) == name else {
                problems.append("\"\(name)\" is not a cluster number")
                continue
            }
            for concept in label.primary where taxonomy.concepts[concept] == nil {
                problems.append("cluster \(cluster): global_class \"\(concept)\" is not a top-level concept of the taxonomy")
            }
            for concept in label.secondary where !taxonomy.subconcepts.contains(concept) {
                problems.append("cluster \(cluster): local_class \"\(concept)\" is under no concept of the taxonomy")
            }
            if label.panelType.isEmpty { problems.append("cluster \(cluster): panel_type is empty") }
            labels[cluster] = label
        }
        guard problems.isEmpty else {
            let listed = problems.prefix(listedProblems).joined(separator: "; ")
            let more = problems.count > listedProblems ? "; and \(problems.count - listedProblems) more" : ""
            throw .unreadable(file: path, reason: "\(problems.count) label(s) outside the taxonomy or malformed: \(listed)\(more)")
        }
        return labels
    }
}
