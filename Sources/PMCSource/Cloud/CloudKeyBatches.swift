import Logging
import PMCModel

/// The metadata objects of a PMC Cloud store in key order, in batches, from the inventory or
/// from `ListObjectsV2` as the listing method says, keeping only the keys a filter admits.
actor CloudKeyBatches {
    /// One metadata object and the article version its name gives.
    struct Listed: Sendable {
        var id: ArticleVersion
        var object: StoredObject
    }

    private enum Origin {
        case undecided
        case inventory(manifestKey: String)
        case sortedInventory(ExternalObjectSort)
        case pages(ObjectListingBatches)
        case finished
    }

    private static let metadataPrefix = "metadata/"
    private static let logger = Logger(label: "biomedica.source.cloud")
    private let store: any ObjectStore
    private let method: CloudListingMethod
    private let pageSize: Int
    private let inventory: InventoryReader
    private let filter: ListingFilter
    private var origin = Origin.undecided

    /// Batches from `store` of the keys `filter` admits; `inventory` reads its reports.
    init(store: any ObjectStore, method: CloudListingMethod, pageSize: Int, inventory: InventoryReader, filter: ListingFilter) {
        self.store = store
        self.method = method
        self.pageSize = pageSize
        self.inventory = inventory
        self.filter = filter
    }

    /// The next batch, or nil after the last; it may be empty when the filter admits none of a
    /// page's keys. The inventory's admitted keys are sorted first, then come `pageSize` at a time.
    func next() async throws(SourceError) -> [Listed]? {
        if case .undecided = origin {
            origin = try await decide()
        }
        switch origin {
        case .undecided, .finished:
            return nil
        case .inventory(let manifestKey):
            // Keys outside the filter are dropped as the rows are read, so a shard sorts its own keys only.
            let sort = try await inventory.metadataObjects(manifestKey: manifestKey) { [filter] object in
                Self.version(named: object.key).map(filter.admits) ?? true
            }
            origin = .sortedInventory(sort)
            return try await next()
        case .sortedInventory(let sort):
            guard let objects = try sort.next(pageSize) else {
                origin = .finished
                return nil
            }
            return admitted(objects)
        case .pages(let pages):
            guard let objects = try await pages.next() else {
                origin = .finished
                return nil
            }
            return admitted(objects)
        }
    }

    private func decide() async throws(SourceError) -> Origin {
        let pages = Origin.pages(ObjectListingBatches(store: store, prefixes: listingPrefixes, pageSize: pageSize))
        guard method != .objectListing else { return pages }
        let manifestKey: String?
        do {
            manifestKey = try await inventory.latestManifestKey()
        } catch {
            throw .unreachable(source: store.description, reason: error.description)
        }
        if let manifestKey { return .inventory(manifestKey: manifestKey) }
        guard method == .automatic else {
            throw .unreachable(source: store.description, reason: "no S3 inventory report under inventory-reports/\(inventory.bucket)/metadata/")
        }
        return pages
    }

    /// Where `ListObjectsV2` looks: all of `metadata/`, or only the keys of the PMCIDs the filter
    /// names (`metadata/PMC123.`), so that asking for a few articles does not page through millions.
    private var listingPrefixes: [String] {
        guard !filter.pmcids.isEmpty else { return [Self.metadataPrefix] }
        return filter.pmcids.map { "\(Self.metadataPrefix)\($0)." }.sorted { $0.precedesInKeyOrder($1) }
    }

    private func admitted(_ objects: [StoredObject]) -> [Listed] {
        objects.compactMap(Self.listed).filter { filter.admits($0.id) }
    }

    /// Only `metadata/PMCID.N.json` names an article version; anything else there is skipped.
    private static func listed(_ object: StoredObject) -> Listed? {
        guard let id = version(named: object.key) else {
            logger.warning("skipping \(object.key): not metadata/PMCID.N.json")
            return nil
        }
        return Listed(id: id, object: object)
    }

    /// The article version `metadata/PMCID.N.json` names; nil for any other key.
    private static func version(named key: String) -> ArticleVersion? {
        let name = key.dropFirst(metadataPrefix.count)
        guard key.hasPrefix(metadataPrefix), name.hasSuffix(".json") else { return nil }
        return ArticleVersion(String(name.dropLast(".json".count)))
    }
}
