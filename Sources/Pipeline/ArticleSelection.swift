import PMCModel
import PMCSource

/// Which listed articles a run works on: what the listing keeps from the keys alone (a shard,
/// some PMCIDs, a last-modified day), then the license groups the metadata gives, cut after the
/// first `limit` that remain.
public struct ArticleSelection: Sendable {
    /// What the source's listing keeps before reading any article.
    public var listing: ListingFilter
    /// Keep only these license groups; empty keeps all.
    public var licenseGroups: Set<LicenseGroup>
    /// Stop after this many selected articles (counted in listing order, so the same ones every run).
    public var limit: Int?

    /// Creates a selection; the defaults select everything.
    public init(
        shard: ShardSpec = .all, pmcids: Set<PMCID> = [], modifiedSince: CalendarDate? = nil,
        licenseGroups: Set<LicenseGroup> = [], limit: Int? = nil
    ) {
        listing = ListingFilter(shard: shard, pmcids: pmcids, modifiedSince: modifiedSince)
        self.licenseGroups = licenseGroups
        self.limit = limit
    }

    /// True when a listed reference passes the license filter (the limit is the caller's count).
    func admitsLicense(of ref: ArticleRef) -> Bool {
        licenseGroups.isEmpty || licenseGroups.contains(ref.licenseGroup)
    }
}
