import Annotation
import Foundation
import PMCModel
import Testing
import TestSupport

@Suite("Cluster labels in BIOMEDICA's format, checked against its taxonomy")
struct ClusterLabelFileTests {
    /// BIOMEDICA's annotation files, beside the corpus in ../shared.
    static let folder = SharedCorpus.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/biomedica")
    static let present = FileManager.default.fileExists(atPath: folder.appendingPathComponent("cluster_labels.json").path)

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString)")

    func file(_ name: String, _ text: String) throws -> String {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let url = scratch.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("BIOMEDICA's 2000 clusters all fit its collapsed taxonomy", .enabled(if: present))
    func realLabels() throws {
        let taxonomy = try ConceptTaxonomy.read(Self.folder.appendingPathComponent("taxonomy_collapsed_and_filtered.json").path)
        #expect(taxonomy.concepts.count == 16)
        #expect(taxonomy.subconcepts.count == 119)
        let labels = try ClusterLabelFile.read(Self.folder.appendingPathComponent("cluster_labels.json").path, taxonomy: taxonomy)
        #expect(labels.count == 2000)
        #expect(Set(labels.keys) == Set(0..<2000))
        #expect(labels[2] == ClusterLabel(
            panelType: "multiple", panelSubtype: "multiple panels: images & plots",
            primary: ["Microscopy", "Plots and Charts", "Immuno Assays"], secondary: ["fluorescence microscopy", "bar plot", "immunoblot"]))
    }

    @Test("the expert-derived taxonomy names 'Plot and Charts', so BIOMEDICA's labels do not fit it", .enabled(if: present))
    func otherTaxonomy() throws {
        let taxonomy = try ConceptTaxonomy.read(Self.folder.appendingPathComponent("expert_derived_taxonomy.json").path)
        let path = Self.folder.appendingPathComponent("cluster_labels.json").path
        let error = try #require(throws: AnnotationError.self) { try ClusterLabelFile.read(path, taxonomy: taxonomy) }
        let text = "\(error)"
        #expect(text.hasPrefix(path + ": "))
        #expect(text.contains("cluster 2: global_class \"Plots and Charts\" is not a top-level concept of the taxonomy"))
        #expect(text.contains("and ") && text.contains(" more"), "a long list is cut short and counted")
    }

    @Test("labels outside the taxonomy, cluster names that are not numbers and missing fields are named")
    func badLabels() throws {
        let taxonomy = ConceptTaxonomy(concepts: ["Microscopy": ["light microscopy"], "Tables": ["table"]])
        let bad = try file("bad.json", """
            {"0": {"panel_type": "single", "panel_subtype": "single panel", "global_class": ["Microscopy"], "local_class": ["light microscopy"]},
             "7": {"panel_type": "single", "panel_subtype": "single panel", "global_class": ["Maps"], "local_class": ["table", "map"]},
             "07": {"panel_type": "single", "panel_subtype": "single panel", "global_class": [], "local_class": []}}
            """)
        let error = try #require(throws: AnnotationError.self) { try ClusterLabelFile.read(bad, taxonomy: taxonomy) }
        #expect("\(error)" == "\(bad): 3 label(s) outside the taxonomy or malformed: "
            + "cluster 7: global_class \"Maps\" is not a top-level concept of the taxonomy; cluster 7: local_class \"map\" is under no concept of the taxonomy; "
            + "\"07\" is not a cluster number")

        let missing = try file("missing.json", #"{"3": {"panel_type": "single", "global_class": [], "local_class": []}}"#)
        let missingError = try #require(throws: AnnotationError.self) { try ClusterLabelFile.read(missing, taxonomy: taxonomy) }
        #expect("\(missingError)".contains("missing \"panel_subtype\" at 3"))

        let notJSON = try file("taxonomy.json", "[1, 2")
        #expect(throws: AnnotationError.self) { try ConceptTaxonomy.read(notJSON) }
    }
}
