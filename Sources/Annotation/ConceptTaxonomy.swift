import Foundation

/// The concepts images may be labelled with, in BIOMEDICA's taxonomy format: a JSON object from
/// each top-level concept (`Microscopy`) to the concepts under it (`["light microscopy", ...]`).
/// A cluster's `global_class` must name top-level concepts and its `local_class` concepts under any of them.
public struct ConceptTaxonomy: Sendable, Equatable {
    /// Top-level concept -> the concepts under it.
    public let concepts: [String: [String]]
    /// Every concept under a top-level one.
    public let subconcepts: Set<String>

    /// A taxonomy from its concepts.
    public init(concepts: [String: [String]]) {
        self.concepts = concepts
        self.subconcepts = Set(concepts.values.joined())
    }

    /// Reads the taxonomy file at `path`.
    public static func read(_ path: String) throws(AnnotationError) -> ConceptTaxonomy {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "cannot be read")
        }
        do {
            let concepts = try JSONDecoder().decode([String: [String]].self, from: data)
            guard !concepts.isEmpty else { throw AnnotationError.unreadable(file: path, reason: "names no concepts") }
            return ConceptTaxonomy(concepts: concepts)
        } catch let error as AnnotationError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "is not a taxonomy (a JSON object from each concept to a list of the concepts under it): \(JSONProblem(error))")
        }
    }
}
