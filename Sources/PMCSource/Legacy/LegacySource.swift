import Foundation
import Transport

/// Articles in the retired PMC FTP layout: a file list (`oa_file_list.csv`, or the older
/// tab-separated `oa_file_list.txt`) and one `PMCID.tar.gz` package per article, in a local
/// folder or behind an http(s) base URL.
///
/// Articles come in the list's order (the layout has no other); they are all version 1.
public struct LegacySource: ArticleSource {
    /// The file list's name, relative to the mirror's root.
    public let fileListName: String
    /// Size limits per file.
    public let limits: SourceLimits
    let location: LegacyLocation

    /// The file lists the layout knows, in order of preference.
    public static let fileListNames = ["oa_file_list.csv", "oa_file_list.txt"]

    /// A mirror in a local folder; throws `unreachable` when the folder or its file list is absent.
    public init(folder: URL, limits: SourceLimits = .standard) throws(SourceError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .unreachable(source: folder.path, reason: "no such folder")
        }
        guard let list = Self.fileListNames.first(where: { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) else {
            throw .unreachable(source: folder.path, reason: "no \(Self.fileListNames.joined(separator: " or ")) in the folder")
        }
        self.init(location: .folder(folder.standardizedFileURL), fileListName: list, limits: limits)
    }

    /// A mirror behind `baseURL` (`https://host/pub/pmc/`). Packages are downloaded to a temporary
    /// file, read and deleted. The transport is the caller's to shut down (`HTTPTransport.shared` needs none).
    public init(baseURL: String, fileListName: String = "oa_file_list.csv", transport: HTTPTransport = .shared, limits: SourceLimits = .standard) {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.init(location: .web(baseURL: base, fetcher: HTTPFetcher(transport: transport)), fileListName: fileListName, limits: limits)
    }

    /// A source over `location`; the content cache reads its cached packages through one.
    init(location: LegacyLocation, fileListName: String, limits: SourceLimits) {
        self.location = location
        self.fileListName = fileListName
        self.limits = limits
    }

    /// `legacy PMC layout at PATH-OR-URL`.
    public var description: String { "legacy PMC layout at \(location.name(of: ""))" }

    /// Streams the file list row by row, keeping the rows `filter` admits.
    public func listArticles(_ filter: ListingFilter) -> AsyncThrowingStream<ListedArticle, any Error> {
        let cursor = LegacyListCursor(location: location, listName: fileListName, limit: limits.archiveBytes)
        return filter.entries { try await cursor.next() }
    }

    /// Reads the article's package: its `.nxml` and the names of its other files.
    public func loadArticle(_ ref: ArticleRef) async throws(SourceError) -> ArticlePackage {
        if let problem = ref.listingProblem { throw problem }
        let copy = try await location.localCopy(of: ref.location, limit: limits.archiveBytes)
        defer { copy.discard() }
        let contents = try LegacyPackageReader.read(path: copy.path, file: location.name(of: ref.location), xmlLimit: limits.xmlBytes)
        return ArticlePackage(
            ref: ref, xml: contents.xml, xmlFileName: contents.xmlPath, mediaFiles: contents.mediaFiles, warnings: contents.warnings)
    }

    /// Reads the named members out of the article's package in one pass over it.
    public func loadMedia(_ ref: ArticleRef, files: [String]) async throws(SourceError) -> [String: Result<[UInt8], SourceError>] {
        if let problem = ref.listingProblem { throw problem }
        let copy = try await location.localCopy(of: ref.location, limit: limits.archiveBytes)
        defer { copy.discard() }
        let file = location.name(of: ref.location)
        return try LegacyPackageReader.readMedia(path: copy.path, file: file, names: Set(files), limit: limits.mediaBytes)
    }
}
