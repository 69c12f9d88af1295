import Foundation
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

    /// The selection given as text, as a person types it: `shard` as `I/N` (without it, the
    /// array variables of Slurm or Kubernetes in `environment` when set), license group names,
    /// PMCIDs (each entry may hold several, comma-separated), `since` as `YYYY-MM-DD`.
    /// - Throws: `UsageError` naming the value that does not parse.
    public init(
        shard: String?, licenseGroups: [String] = [], pmcids: [String] = [], since: String? = nil, limit: Int? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(UsageError) {
        let part: ShardSpec
        do {
            part = try shard.map(ShardSpec.init(parsing:)) ?? ShardSpec.fromEnvironment(environment) ?? .all
        } catch {
            throw UsageError("\(error)")
        }
        if let limit, limit < 1 { throw UsageError("--limit must be at least 1") }
        var groups: Set<LicenseGroup> = []
        for name in licenseGroups.flatMap({ $0.split(separator: ",", omittingEmptySubsequences: false) }) {
            guard let group = LicenseGroup(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw UsageError("unknown license group '\(name)': use commercial, noncommercial or other")
            }
            groups.insert(group)
        }
        var ids: Set<PMCID> = []
        for text in pmcids.flatMap({ $0.split(separator: ",") }) {
            guard let id = PMCID(String(text)) else { throw UsageError("'\(text)' is not a PMCID") }
            ids.insert(id)
        }
        var day: CalendarDate?
        if let since {
            guard let parsed = CalendarDate(since) else {
                throw UsageError("--since '\(since)' is not a date: use YYYY-MM-DD, for example 2026-03-01")
            }
            day = parsed
        }
        self.init(shard: part, pmcids: ids, modifiedSince: day, licenseGroups: groups, limit: limit)
    }

    /// True when a listed reference passes the license filter (the limit is the caller's count).
    func admitsLicense(of ref: ArticleRef) -> Bool {
        licenseGroups.isEmpty || licenseGroups.contains(ref.licenseGroup)
    }
}
