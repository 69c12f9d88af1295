import Catalog
import Dataset
import Foundation

/// `biomedica verify`: a dataset read back whole and checked against its records (see
/// `DatasetVerifier`), and with `repair`, what the catalog can rebuild written again first.
public enum DatasetCheck {
    /// What a check found and did.
    public struct Report: Sendable {
        /// What was written again (with `repair`).
        public var repaired: [String]
        /// Shards read.
        public var shards: Int
    }

    /// Checks the dataset at `root` (its catalog: `catalog`, or its own), repairing first when
    /// asked, which holds the dataset and catalog as their only writer; a plain check reads beside
    /// other readers.
    /// - Throws: `DatasetDisagreement` naming every disagreement left; `DatasetError` when the
    ///   dataset or catalog is missing or held.
    public static func run(dataset root: URL, catalog: URL?, repair: Bool, in context: RunContext) async throws -> Report {
        let layout = DatasetLayout(root: root.standardizedFileURL)
        let catalogURL = catalog ?? layout.defaultCatalog
        guard FileManager.default.fileExists(atPath: catalogURL.path) else { throw DatasetError.missingCatalog(catalogURL.path) }
        if repair {
            return try await AnnotationSteps.withDataset(root, catalog: catalog, context: context) { folder, catalog in
                try await check(DatasetVerifier(catalog: catalog, dataset: folder), repair: true, context: context)
            }
        }
        let folder = try await DatasetFolder.openForReading(layout.root, wait: context.waitForLocks)
        defer { folder.release() }
        return try await check(DatasetVerifier(catalog: Catalog(readingAt: catalogURL.path), dataset: folder), repair: false, context: context)
    }

    private static func check(_ verifier: DatasetVerifier, repair: Bool, context: RunContext) async throws -> Report {
        let repaired = repair ? try verifier.repair() : []
        for line in repaired { context.logger.notice("repaired: \(line)") }
        var shards = 0
        let found = try await context.finishing("verify") {
            try verifier.disagreements { done, total in
                shards = total
                context.progress(ProgressEvent(stage: "verify", done: done, total: total, unit: "shards"))
            }
        }
        guard found.isEmpty else { throw DatasetDisagreement(disagreements: found, repaired: repaired) }
        return Report(repaired: repaired, shards: shards)
    }
}

/// A dataset that does not hold what its records say: every disagreement, each naming its file.
public struct DatasetDisagreement: Error, Sendable, CustomStringConvertible {
    /// What differs, file by file.
    public var disagreements: [String]
    /// What was written again before the check.
    public var repaired: [String]

    public var description: String {
        "the dataset disagrees with its records in \(disagreements.count) place(s):\n"
            + disagreements.map { "  \($0)" }.joined(separator: "\n")
            + (repaired.isEmpty ? "" : "\nrepaired before the check:\n" + repaired.map { "  \($0)" }.joined(separator: "\n"))
    }
}
