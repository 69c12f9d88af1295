import Catalog
import Dataset
import Foundation

/// One part to merge: the `--out` folder of a finished `build --shard I/N`, checked before
/// anything is written.
struct MergePart {
    /// The part folder.
    let root: URL
    /// Its shards and tables.
    let layout: DatasetLayout
    /// Its catalog.
    let catalog: Catalog
    /// The serialize options its shards were written with.
    let options: SerializeOptions

    /// Opens the part `folder`, held for reading.
    /// - Throws: `MergeError` when its catalog is missing, or its build is not finished and up to
    ///   date (a merge of it would not be what one build writes).
    init(folder: DatasetFolder) throws {
        root = folder.root
        layout = folder.layout
        guard FileManager.default.fileExists(atPath: layout.defaultCatalog.path) else { throw MergeError.missingCatalog(root.path) }
        catalog = try Catalog(readingAt: layout.defaultCatalog.path)
        guard let checkpoint = try catalog.datasetCheckpoint(), checkpoint.finished,
              try catalog.countStoredArticles(after: checkpoint.lastArticle) == 0,
              try catalog.staleSerializations(through: checkpoint.lastArticle) == 0,
              let options = SerializeOptions(fingerprint: checkpoint.options)
        else { throw MergeError.unfinished(root.path) }
        // The options read back write the same text unless the part's version wrote other fields.
        guard options.fingerprint == checkpoint.options else { throw MergeError.otherVersion(root.path) }
        self.options = options
    }
}
