import Foundation
import Transport

/// Where a legacy FTP-layout mirror lives, and how to get one of its files onto local disk.
enum LegacyLocation: Sendable {
    /// A local folder holding `oa_file_list.csv` and `oa_package/`.
    case folder(URL)
    /// An http(s) base URL of a mirror of the FTP layout, ending in `/`.
    case web(baseURL: String, fetcher: HTTPFetcher)

    /// A file's path or URL, to name it in errors.
    func name(of relativePath: String) -> String {
        switch self {
        case .folder(let root): root.appendingPathComponent(relativePath).path
        case .web(let baseURL, _): baseURL + URLEncoding.path(relativePath)
        }
    }

    /// A local copy of the file: the file itself in a folder, a temporary download from the web.
    /// The caller discards the copy when done.
    func localCopy(of relativePath: String, limit: Int) async throws(SourceError) -> LocalCopy {
        let name = name(of: relativePath)
        switch self {
        case .folder(let root):
            return LocalCopy(path: try LocalFile.checkedPath(name, within: root, file: name), isTemporary: false)
        case .web:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("biomedica-download-\(UUID().uuidString)-\(RelativePath.baseName(relativePath))").path
            // A failed download leaves no file, so there is nothing to discard on failure.
            try await download(relativePath, to: path, limit: limit)
            return LocalCopy(path: path, isTemporary: true)
        }
    }
}

extension LegacyLocation {
    /// Streams the file into a new file at `path`, at most `limit` bytes.
    @discardableResult
    func download(_ relativePath: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        let name = name(of: relativePath)
        switch self {
        case .folder(let root): return try LocalFile.copy(from: name, within: root, to: path, limit: limit, file: name)
        case .web(_, let fetcher): return try await fetcher.download(name, file: name, to: path, limit: limit)
        }
    }
}

/// A file on local disk that may be a temporary download to delete after use.
struct LocalCopy: Sendable {
    /// Its path.
    var path: String
    /// True when the file was downloaded for this use and is deleted by `discard()`.
    var isTemporary: Bool

    /// Deletes a temporary download; leaves a mirror's own file alone.
    func discard() {
        if isTemporary { try? FileManager.default.removeItem(atPath: path) }
    }
}
