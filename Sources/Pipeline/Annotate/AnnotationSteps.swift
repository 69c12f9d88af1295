import Catalog
import Dataset
import Foundation

/// The annotate stage's steps, each run on its own by a front door (`biomedica annotate
/// features|fit|assign|review|label`); `AnnotateStage` runs them all for `build --annotate`.
/// Each step that writes into a dataset holds the dataset folder and its catalog as their only
/// writer while it runs.
public enum AnnotationSteps {
    /// Runs `body` with the dataset at `root` and its catalog (`catalog`, or the dataset's own),
    /// which must exist, both held for writing.
    static func withDataset<T>(
        _ root: URL, catalog: URL?, context: RunContext, _ body: (DatasetFolder, Catalog) async throws -> T
    ) async throws -> T {
        let layout = DatasetLayout(root: root.standardizedFileURL)
        guard FileManager.default.fileExists(atPath: layout.root.path) else { throw DatasetError.missing(layout.root.path) }
        let catalogURL = catalog ?? layout.defaultCatalog
        let folder = try await DatasetFolder.openForWriting(layout.root, catalog: catalogURL, wait: context.waitForLocks)
        defer { folder.release() }
        let locked = try await LockedCatalog.openForWriting(catalogURL, create: false, wait: context.waitForLocks)
        defer { locked.release() }
        return try await body(folder, locked.catalog)
    }
}
