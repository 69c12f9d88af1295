import Annotation
import ArgumentParser
import Catalog
import Pipeline
import WebDataset

/// The exit status of an annotate step's failure: unreadable input is a data error; a model,
/// catalog or shard that cannot be written, a creation error; settings the data cannot satisfy,
/// bad usage.
func annotationFailure(_ error: any Error) -> ExitCode {
    if let code = error as? ExitCode { return code }
    let status: ExitCode = switch error {
    case let error as AnnotationError:
        switch error {
        case .unreadable: ExitStatus.dataError
        case .unwritable: ExitStatus.cannotCreate
        case .invalidSettings: ExitCode.validationFailure
        case .faiss: ExitCode.failure
        }
    case is AnnotationWriterError: ExitStatus.dataError
    case is CatalogError, is WebDatasetError: ExitStatus.cannotCreate
    default: ExitCode.failure
    }
    return fail("\(error)", status: status)
}
