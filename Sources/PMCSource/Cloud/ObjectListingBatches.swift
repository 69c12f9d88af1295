/// Pages through `ListObjectsV2` under one or more prefixes in turn, one page per call.
actor ObjectListingBatches {
    private let store: any ObjectStore
    private var prefixes: ArraySlice<String>
    private let pageSize: Int
    private var token: String?
    private var started = false

    /// Pages of `pageSize` keys under each of `prefixes`, in their order: prefixes none of which
    /// begins another, sorted, give the keys in S3's order.
    init(store: any ObjectStore, prefixes: [String], pageSize: Int) {
        self.store = store
        self.prefixes = prefixes[...]
        self.pageSize = pageSize
    }

    /// The next page's objects, or nil after the last prefix's last page. The first page failing
    /// means the store cannot be read at all.
    func next() async throws(SourceError) -> [StoredObject]? {
        guard let prefix = prefixes.first else { return nil }
        let first = !started
        started = true
        let page: ObjectListingPage
        do {
            page = try await store.listPage(prefix: prefix, delimiter: "/", continuationToken: token, maxKeys: pageSize)
        } catch {
            throw first ? .unreachable(source: store.description, reason: error.description) : error
        }
        token = page.nextContinuationToken
        if token == nil { prefixes.removeFirst() }
        return page.objects
    }
}
