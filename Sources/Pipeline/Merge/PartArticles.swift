import Catalog

/// A part's serialized articles in PMCID order, read from its catalog a page at a time.
struct PartArticles {
    private let catalog: Catalog
    private let pageSize: Int
    private var page: [SerializedArticle] = []
    private var index = 0
    private var exhausted = false

    /// Reads `catalog`'s articles, `pageSize` at a time.
    init(catalog: Catalog, pageSize: Int) {
        self.catalog = catalog
        self.pageSize = pageSize
    }

    /// The next article, not taken yet; nil after the last.
    mutating func peek() throws -> SerializedArticle? {
        if index == page.count, !exhausted {
            page = try catalog.serializedArticles(after: page.last?.id, limit: pageSize)
            index = 0
            exhausted = page.isEmpty
        }
        return index < page.count ? page[index] : nil
    }

    /// Moves past the article `peek()` returned.
    mutating func take() {
        index += 1
    }
}
