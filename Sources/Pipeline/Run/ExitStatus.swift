import Annotation
import Catalog
import Dataset
import Entrez
import Foundation
import Parquet
import PMCSource
import Platform
import WebDataset

/// What a run's failure means, as an exit status from BSD's sysexits, so that schedulers and
/// scripts can tell a retryable failure (the source was unreachable, the dataset busy) from one
/// that needs a person (bad flags, bad input). The one place errors are sorted: every front door
/// asks it (the CLI for its exit status, the server for its HTTP status).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The run completed; per-article problems are recorded, not fatal.
    case completed = 0
    /// Anything the table below does not know.
    case failure = 1
    /// Bad usage: an option or value that cannot work.
    case usage = 64
    /// Input that exists but cannot be used as it is (a merge part unfinished, built with other
    /// flags, or overlapping another; labels outside the taxonomy; a feature file of another shape).
    case dataError = 65
    /// A source, catalog, dataset or part that should exist does not.
    case noInput = 66
    /// The source cannot be reached.
    case unavailable = 69
    /// The catalog, the dataset or another output cannot be created or written, or is not ours to write.
    case cannotCreate = 73
    /// Another run holds the dataset or the catalog: run again once it ends, or wait for it.
    case busy = 75

    /// The status `error` means.
    public init(for error: any Error) {
        self = switch error {
        case is UsageError: .usage
        case let error as SourceFailure: error.isLocal ? .noInput : .unavailable
        case is EnrichError: .unavailable
        case let error as DatasetError: Self.status(of: error)
        case let error as MergeError: Self.status(of: error)
        case let error as AnnotationError: Self.status(of: error)
        case is AnnotationWriterError: .dataError
        case is CatalogError, is CacheWriteError, is WebDatasetError, is ParquetError, is AtomicFileError: .cannotCreate
        case let error as FileError: error.isMissing ? .noInput : .cannotCreate
        case is PubMedParseError: .dataError
        // Foundation's own file errors reach a run from what it writes (a folder it makes).
        case is CocoaError: .cannotCreate
        case is ArticleNotFound: .noInput
        case is DatasetDisagreement: .dataError
        default: .failure
        }
    }

    private static func status(of error: DatasetError) -> ExitStatus {
        switch error {
        case .missing, .missingCatalog: .noInput
        case .busy: .busy
        case .notAFolder, .notADataset, .foreignFile, .unwritable: .cannotCreate
        }
    }

    private static func status(of error: MergeError) -> ExitStatus {
        switch error {
        case .missingPart, .missingCatalog: .noInput
        case .outputNotEmpty: .cannotCreate
        case .unfinished, .otherVersion, .differentOptions, .overlap, .corruptPart: .dataError
        }
    }

    private static func status(of error: AnnotationError) -> ExitStatus {
        switch error {
        case .unreadable: .dataError
        case .unwritable: .cannotCreate
        case .invalidSettings: .usage
        case .native: .failure
        }
    }
}
