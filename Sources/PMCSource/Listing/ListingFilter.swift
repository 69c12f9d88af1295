import PMCModel

/// What a listing keeps, decided from the key alone (the article version its name gives and the
/// date the listing reports), before any per-article read: a run over one shard of PMC reads the
/// metadata of its own articles only.
public struct ListingFilter: Sendable {
    /// The part of the work this process does.
    public var shard: ShardSpec
    /// Keep only these PMCIDs (every version); empty keeps all.
    public var pmcids: Set<PMCID>
    /// Read only versions last modified on or after this day; older ones are listed as
    /// `unmodified`. Nil reads every version.
    public var modifiedSince: CalendarDate?
    private let unreadableDates = UnreadableDateWarning()

    /// A filter; the defaults keep everything.
    public init(shard: ShardSpec = .all, pmcids: Set<PMCID> = [], modifiedSince: CalendarDate? = nil) {
        self.shard = shard
        self.pmcids = pmcids
        self.modifiedSince = modifiedSince
    }

    /// True when the version is in the shard and among the PMCIDs: the listing holds it.
    public func admits(_ id: ArticleVersion) -> Bool {
        shard.contains(id.pmcid) && (pmcids.isEmpty || pmcids.contains(id.pmcid))
    }

    /// True when the version must be read: no `modifiedSince`, a stamp on or after it, or a stamp
    /// that cannot be read (kept rather than silently dropped, and logged once).
    public func isModified(_ lastModified: String?, of id: ArticleVersion) -> Bool {
        guard let modifiedSince else { return true }
        guard let date = lastModified.flatMap(CalendarDate.init(leadingDateOf:)) else {
            unreadableDates.note(lastModified, of: id, since: modifiedSince)
            return true
        }
        return date >= modifiedSince
    }

    /// The entry for a reference whose listing already describes it in full, nil outside the filter.
    func entry(for ref: ArticleRef) -> ListedArticle? {
        guard admits(ref.id) else { return nil }
        return isModified(ref.lastModified, of: ref.id) ? .article(ref) : .unmodified(ref.id)
    }

    /// The entries of a listing made of full references, `next` giving them one by one.
    func entries(of next: @escaping @Sendable () async throws -> ArticleRef?) -> AsyncThrowingStream<ListedArticle, any Error> {
        AsyncThrowingStream { () async throws -> ListedArticle? in
            while let ref = try await next() {
                if let entry = entry(for: ref) { return entry }
            }
            return nil
        }
    }
}
