import Platform

/// Why a dataset folder could not be opened or written.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path exists and is not a folder.
    case notAFolder(String)
    /// The folder holds files and is not a dataset biomedica made: no marker, and `entry` is not a
    /// name biomedica writes.
    case notADataset(folder: String, entry: String)
    /// A file biomedica did not write sits where it writes (under `shards/`, `parquet/`,
    /// `features/` or `annotation/`).
    case foreignFile(String)
    /// The folder a reader needs does not exist.
    case missing(String)
    /// The catalog a stage needs does not exist.
    case missingCatalog(String)
    /// Another run holds the folder (or the catalog) at `path` in a way this one cannot share.
    case busy(path: String, holder: FileLockError.Holder)
    /// A file of the dataset could not be written, moved or removed.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notAFolder(let path):
            "\(path) is not a folder"
        case .notADataset(let folder, let entry):
            "\(folder) is not empty and is not a biomedica dataset (it holds \(entry), and no \(DatasetLayout.markerName)): "
                + "give an empty or new folder; biomedica never writes into a folder of someone else's files"
        case .foreignFile(let path):
            "\(path) is not a file biomedica wrote: move it out of the dataset folder (biomedica never deletes files it did not write)"
        case .missing(let path):
            "no dataset at \(path)"
        case .missingCatalog(let path):
            "no catalog at \(path): run `biomedica extract` (or `build`) first"
        case .busy(let path, .readers):
            "\(path) is being read (by a server or a merge): run again once it is done, or wait for it with --wait"
        case .busy(let path, .writer(let pid, let host)):
            "\(path) is being written by another biomedica run"
                + (pid.map { " (process \($0)" + (host.map { " on \($0)" } ?? "") + ")" } ?? "")
                + ": run again once it ends, or wait for it with --wait"
        case .unwritable(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
