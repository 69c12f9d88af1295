import Crypto
import PMCModel
import Transport

/// Articles in the PMC Cloud layout (`PMCID.N/PMCID.N.xml`, `metadata/PMCID.N.json`, media files
/// beside the XML) in any object store: the real bucket, another S3 endpoint, a local folder.
public struct CloudSource: ArticleSource {
    /// Where the layout lives.
    public let store: any ObjectStore
    /// The bucket name under `inventory-reports/` whose inventory reports describe this store.
    public let inventoryBucket: String
    /// How the article versions are found.
    public let listingMethod: CloudListingMethod
    /// Keys per `ListObjectsV2` request (S3 returns at most 1000).
    public let pageSize: Int
    /// Metadata files read at once while listing.
    public let concurrency: Int
    /// Size limits per file.
    public let limits: SourceLimits

    /// A source over `store`.
    public init(
        store: any ObjectStore, inventoryBucket: String = PMCOpenData.bucket, listingMethod: CloudListingMethod = .automatic,
        pageSize: Int = 1000, concurrency: Int = 16, limits: SourceLimits = .standard
    ) {
        self.store = store
        self.inventoryBucket = inventoryBucket
        self.listingMethod = listingMethod
        self.pageSize = pageSize
        self.concurrency = concurrency
        self.limits = limits
    }

    /// PMC's public bucket `pmc-oa-opendata` (us-east-1), read anonymously over HTTPS. The client
    /// is the caller's to shut down (`HTTPTransport.shared` needs none).
    public static func pmcOpenData(transport: HTTPTransport = .shared) -> CloudSource {
        CloudSource(store: S3ObjectStore.pmcOpenData(transport: transport), concurrency: transport.settings.connections)
    }

    /// `PMC Cloud layout in STORE`.
    public var description: String { "PMC Cloud layout in \(store.description)" }

    /// Lists `metadata/PMCID.N.json` (through the inventory or `ListObjectsV2`) in key order and
    /// reads the metadata file of each key `filter` admits, `concurrency` at a time.
    public func listArticles(_ filter: ListingFilter) -> AsyncThrowingStream<ListedArticle, any Error> {
        let reader = CloudMetadataReader(store: store, limits: limits)
        let keys = CloudKeyBatches(
            store: store, method: listingMethod, pageSize: pageSize,
            inventory: InventoryReader(store: store, bucket: inventoryBucket, limits: limits), filter: filter)
        return OrderedConcurrentMap(
            width: concurrency,
            nextBatch: { () async throws(SourceError) -> [CloudKeyBatches.Listed]? in try await keys.next() },
            transform: { listed async -> ListedArticle in
                guard filter.isModified(listed.object.lastModified, of: listed.id) else { return .unmodified(listed.id) }
                return .article(await reader.ref(for: listed))
            }
        ).stream()
    }

    /// Reads the article's XML, checked against the MD5 its metadata publishes; media names and
    /// checksums come from `completed(_:)`.
    public func loadArticle(_ ref: ArticleRef) async throws(SourceError) -> ArticlePackage {
        if let problem = ref.listingProblem { throw problem }
        let id = ref.id.description
        let listed = try await completed(ref)
        let key = ref.location + id + ".xml"
        let xml = try await store.get(key, limit: limits.xmlBytes)
        if let expected = listed.xmlChecksum?.lowercased() {
            let actual = Insecure.MD5.hash(data: xml).lowercaseHex
            guard actual == expected else { throw .checksumMismatch(file: store.location(of: key), expected: expected, actual: actual) }
        }
        return ArticlePackage(
            ref: ref, xml: xml, xmlFileName: id + ".xml", mediaFiles: listed.mediaFiles ?? [],
            mediaChecksums: listed.mediaChecksums, doi: listed.doi, title: listed.title)
    }

    /// The reference with its media names and checksums, DOI and title: as the listing already
    /// read them from `media_urls`, or from the article's metadata file for a reference made elsewhere.
    func completed(_ ref: ArticleRef) async throws(SourceError) -> ArticleRef {
        guard ref.mediaFiles == nil else { return ref }
        var listed = ref
        let metadata = try await CloudMetadataReader(store: store, limits: limits).metadata(key: ref.location + ref.id.description + ".json")
        (listed.mediaFiles, listed.mediaChecksums) = metadata.media
        listed.xmlChecksum = metadata.xmlURL.flatMap(CloudMetadata.md5(of:))
        listed.doi = metadata.doi
        listed.title = metadata.title
        return listed
    }

    /// Reads each media file beside the XML, one request each.
    public func loadMedia(_ ref: ArticleRef, files: [String]) async throws(SourceError) -> [String: Result<[UInt8], SourceError>] {
        var media: [String: Result<[UInt8], SourceError>] = [:]
        for file in files {
            do throws(SourceError) {
                guard RelativePath.isSafe(file), !file.contains("/") else {
                    throw .missingFile(file: ref.location + file)
                }
                media[file] = .success(try await store.get(ref.location + file, limit: limits.mediaBytes))
            } catch {
                media[file] = .failure(error)
            }
        }
        return media
    }
}

/// How a `CloudSource` finds the article versions in its store.
public enum CloudListingMethod: String, Sendable, Hashable, CaseIterable {
    /// The newest S3 inventory report when the store has one, else `ListObjectsV2` over `metadata/`.
    case automatic
    /// The newest S3 inventory report only: one download instead of thousands of listing requests.
    case inventory
    /// `ListObjectsV2` over `metadata/`, page by page.
    case objectListing
}

/// Facts about PMC's public Open Access bucket.
public enum PMCOpenData {
    /// The bucket's name.
    public static let bucket = "pmc-oa-opendata"
    /// The AWS region it lives in.
    public static let region = "us-east-1"
}
