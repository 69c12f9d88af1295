/// Pages through `ListObjectsV2` under one prefix, one page per call.
actor ObjectListingBatches {
    private let store: any ObjectStore
    private let prefix: String
    private let pageSize: Int
    private var token: String?
    private var started = false

    /// Pages of `pageSize` keys under `prefix`.
    init(store: any ObjectStore, prefix: String, pageSize: Int) {
        self.store = store
        self.prefix = prefix
        self.pageSize = pageSize
    }

    /// The next page's objects, or nil after the last page. The first page failing means the
    /// store cannot be read at all.
    func next() async throws(SourceError) -> [StoredObject]? {
        if started && token == nil { return nil }
        let first = !started
        started = true
        do {
            let page = try await store.listPage(prefix: prefix, delimiter: "/", continuationToken: token, maxKeys: pageSize)
            token = page.nextContinuationToken
            return page.objects
        } catch {
            throw first ? .unreachable(source: store.description, reason: error.description) : error
        }
    }
}
