import PMCModel
import PMCSource

/// Which listed articles a run works on: a shard of the whole, optionally narrowed to some PMCIDs
/// and license groups, and cut after the first `limit` that remain.
public struct ArticleSelection: Sendable {
    /// The part of the work this process does.
    public var shard: ShardSpec
    /// Keep only these PMCIDs (every version); empty keeps all.
    public var pmcids: Set<PMCID>
    /// Keep only these license groups; empty keeps all.
    public var licenseGroups: Set<LicenseGroup>
    /// Stop after this many selected articles (counted in listing order, so the same ones every run).
    public var limit: Int?

    /// Creates a selection; the defaults select everything.
    public init(shard: ShardSpec = .all, pmcids: Set<PMCID> = [], licenseGroups: Set<LicenseGroup> = [], limit: Int? = nil) {
        self.shard = shard
        self.pmcids = pmcids
        self.licenseGroups = licenseGroups
        self.limit = limit
    }

    /// True when `ref` passes the shard, PMCID and license filters (the limit is the caller's count).
    public func admits(_ ref: ArticleRef) -> Bool {
        shard.contains(ref.id.pmcid)
            && (pmcids.isEmpty || pmcids.contains(ref.id.pmcid))
            && (licenseGroups.isEmpty || licenseGroups.contains(ref.licenseGroup))
    }
}
