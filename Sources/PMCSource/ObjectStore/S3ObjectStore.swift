import Transport

/// A bucket (or a prefix inside one) of an S3-compatible store, read anonymously over HTTP(S):
/// the real `pmc-oa-opendata` bucket, or MinIO, moto, Ceph... at a custom endpoint.
///
/// The transport is the caller's and outlives the store: `HTTPTransport.shared` by default, which
/// needs no shutdown; one the caller made is shut down by the caller after the last request.
public struct S3ObjectStore: ObjectStore {
    /// The URL objects hang under: `https://BUCKET.s3.amazonaws.com` or `http://HOST:PORT/BUCKET`.
    public let bucketURL: String
    /// Prepended to every key, so the store's root can be a folder inside the bucket (`mirror/`).
    public let keyPrefix: String
    /// How requests are sent; the resolver's probe uses a quicker-failing copy.
    var fetcher: HTTPFetcher

    /// A store whose objects are at `bucketURL/keyPrefix KEY`.
    public init(bucketURL: String, keyPrefix: String = "", transport: HTTPTransport = .shared) {
        self.bucketURL = bucketURL.hasSuffix("/") ? String(bucketURL.dropLast()) : bucketURL
        self.keyPrefix = keyPrefix.isEmpty || keyPrefix.hasSuffix("/") ? keyPrefix : keyPrefix + "/"
        self.fetcher = HTTPFetcher(transport: transport)
    }

    /// A bucket at a custom endpoint addressed path-style (`ENDPOINT/BUCKET/KEY`), as MinIO and
    /// moto expect.
    public init(endpoint: String, bucket: String, keyPrefix: String = "", transport: HTTPTransport = .shared) {
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.init(bucketURL: "\(base)/\(bucket)", keyPrefix: keyPrefix, transport: transport)
    }

    /// A bucket on AWS S3 addressed virtual-hosted style (`https://BUCKET.s3.amazonaws.com/KEY`).
    public static func aws(bucket: String, keyPrefix: String = "", transport: HTTPTransport = .shared) -> S3ObjectStore {
        S3ObjectStore(bucketURL: "https://\(bucket).s3.amazonaws.com", keyPrefix: keyPrefix, transport: transport)
    }

    /// PMC's public Open Access bucket, `pmc-oa-opendata` in us-east-1, read anonymously.
    public static func pmcOpenData(transport: HTTPTransport = .shared) -> S3ObjectStore {
        aws(bucket: PMCOpenData.bucket, transport: transport)
    }

    /// `BUCKETURL/PREFIX`.
    public var description: String { bucketURL + "/" + keyPrefix }

    /// The object's URL.
    public func location(of key: String) -> String {
        bucketURL + "/" + URLEncoding.path(keyPrefix + key)
    }

    /// One `ListObjectsV2` request.
    public func listPage(prefix: String, delimiter: String?, continuationToken: String?, maxKeys: Int)
        async throws(SourceError) -> ObjectListingPage {
        var query = [("list-type", "2"), ("prefix", keyPrefix + prefix), ("max-keys", String(maxKeys))]
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let url = listingURL + "?" + query.map { "\($0)=\(URLEncoding.component($1))" }.joined(separator: "&")
        let named = "\(description) listing of '\(prefix)'"
        let bytes = try await fetcher.get(url, file: named, limit: Self.listingLimit)
        return try S3ListingParser.page(from: bytes, keyPrefix: keyPrefix, file: named)
    }

    /// One GET.
    public func get(_ key: String, limit: Int) async throws(SourceError) -> [UInt8] {
        let url = location(of: key)
        return try await fetcher.get(url, file: url, limit: limit)
    }

    /// One GET streamed into a new file at `path`, resumed with `Range` when cut short.
    public func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        let url = location(of: key)
        return try await fetcher.download(url, file: url, to: path, limit: limit)
    }

    /// A path-style bucket URL lists at `/BUCKET?...`; a virtual-hosted one at `/?...`.
    private var listingURL: String {
        bucketURL.split(separator: "/", omittingEmptySubsequences: false).count > 3 ? bucketURL : bucketURL + "/"
    }

    /// A thousand keys of XML are about 300 KB; far more means something else answered.
    private static let listingLimit = 16 * 1024 * 1024
}
