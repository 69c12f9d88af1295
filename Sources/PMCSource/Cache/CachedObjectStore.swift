/// The cached files of one cloud-layout article seen as an object store, so that `CloudSource`
/// reads them back exactly as it reads its own store. It is never listed.
struct CachedObjectStore: ObjectStore {
    /// The cache path of each key that is cached.
    let paths: [String: String]

    var description: String { "cached article files" }

    func location(of key: String) -> String { paths[key] ?? key }

    func listPage(prefix: String, delimiter: String?, continuationToken: String?, maxKeys: Int)
        async throws(SourceError) -> ObjectListingPage {
        ObjectListingPage(objects: [], commonPrefixes: [], nextContinuationToken: nil)
    }

    func get(_ key: String, limit: Int) async throws(SourceError) -> [UInt8] {
        guard let path = paths[key] else { throw .missingFile(file: key) }
        return try LocalFile.read(path: path, within: nil, limit: limit)
    }

    func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        guard let source = paths[key] else { throw .missingFile(file: key) }
        return try LocalFile.copy(from: source, within: nil, to: path, limit: limit, file: source)
    }
}
