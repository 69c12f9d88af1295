import Foundation
import PMCSource
import TestSupport

/// Drains a listing into an array of the references it read.
func collect(_ stream: AsyncThrowingStream<ListedArticle, any Error>) async throws -> [ArticleRef] {
    var refs: [ArticleRef] = []
    for try await entry in stream {
        if case .article(let ref) = entry { refs.append(ref) }
    }
    return refs
}

/// The shared corpus's PMC Cloud layout as a local store.
func corpusCloudStore(_ folder: String = "pmc-cloud") throws -> LocalObjectStore {
    LocalObjectStore(root: try SharedCorpus.url(folder))
}

/// A fresh empty folder under the system's temporary folder; the caller removes it.
func makeTemporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("biomedica-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// True when keys are in S3's order (ascending UTF-8 bytes).
func isInKeyOrder(_ refs: [ArticleRef]) -> Bool {
    zip(refs, refs.dropFirst()).allSatisfy { $0.id.description.utf8.lexicographicallyPrecedes($1.id.description.utf8) }
}

/// The names of the article version folders in a cloud layout folder.
func articleFolderNames(in folder: URL) throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("PMC") })
}
