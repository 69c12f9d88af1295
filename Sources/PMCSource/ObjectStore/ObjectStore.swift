/// A flat key-value store with S3's listing semantics: a PMC Cloud layout lives in one, whether
/// it is the real bucket, another S3-compatible endpoint or a local folder.
///
/// Keys are relative to the store's root (a bucket, a prefix inside one, or a folder) and use `/`.
public protocol ObjectStore: Sendable {
    /// A short human description for logs, for example `s3://pmc-oa-opendata`.
    var description: String { get }

    /// Where `key` lives, as a user would look for it (a path or a URL): used to name files in errors.
    func location(of key: String) -> String

    /// One page of the keys under `prefix`, in ascending UTF-8 byte order (as S3 returns them).
    /// With a `delimiter`, keys holding it after the prefix are rolled up into common prefixes.
    /// Pass the previous page's `nextContinuationToken` to get the next page.
    func listPage(prefix: String, delimiter: String?, continuationToken: String?, maxKeys: Int)
        async throws(SourceError) -> ObjectListingPage

    /// The bytes of `key`; `missingFile` when it is absent, `tooLarge` past `limit` bytes.
    func get(_ key: String, limit: Int) async throws(SourceError) -> [UInt8]

    /// Streams `key` into a new file at `path` without holding it whole in memory, and returns
    /// its size and MD5; the same errors as `get`. A failed download leaves no file at `path`.
    func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile
}

extension ObjectStore {
    /// Every common prefix directly under `prefix` (the "folders" one level down), following pages.
    func commonPrefixes(under prefix: String, pageSize: Int) async throws(SourceError) -> [String] {
        var prefixes: [String] = []
        var token: String?
        repeat {
            let page = try await listPage(prefix: prefix, delimiter: "/", continuationToken: token, maxKeys: pageSize)
            prefixes += page.commonPrefixes
            token = page.nextContinuationToken
        } while token != nil
        return prefixes
    }
}
