import PMCModel
import PMCSource

/// Walks a source's listing for one run: the source applies the key filter, the cursor the
/// license groups and the limit, and counts what it saw. Extract and fetch select alike through it.
struct SelectionCursor {
    private var entries: AsyncThrowingStream<ListedArticle, any Error>.AsyncIterator
    private let selection: ArticleSelection
    /// Versions the listing held (inside the shard and PMCIDs).
    private(set) var listed = 0
    /// Versions selected so far.
    private(set) var selected = 0
    /// True once the listing was read to its end, not cut by the limit: only then does a version
    /// missing from it mean the source no longer has it.
    private(set) var isComplete = false

    /// A cursor over `source`'s listing through `selection`.
    init(source: any ArticleSource, selection: ArticleSelection) {
        entries = source.listArticles(selection.listing).makeAsyncIterator()
        self.selection = selection
    }

    /// The next step, or nil at the end of the listing or once the limit is reached (without
    /// reading further: the listing then counts as cut, even when nothing was left).
    mutating func next() async throws -> ListingStep? {
        if let limit = selection.limit, selected >= limit { return nil }
        guard let entry = try await entries.next() else {
            isComplete = true
            return nil
        }
        listed += 1
        guard case .article(let ref) = entry, selection.admitsLicense(of: ref) else { return .passed(entry.id) }
        selected += 1
        return .selected(ref)
    }
}

/// One step through a run's listing.
enum ListingStep {
    /// A reference the selection keeps: the run works on it.
    case selected(ArticleRef)
    /// A version the listing holds (inside the shard and PMCIDs) that the run leaves alone:
    /// unmodified since `--since`, or outside the license groups.
    case passed(ArticleVersion)

    /// The version either way.
    var id: ArticleVersion {
        switch self {
        case .selected(let ref): ref.id
        case .passed(let id): id
        }
    }
}
