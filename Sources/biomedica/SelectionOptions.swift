import ArgumentParser
import Foundation
import PMCModel
import PMCSource
import Pipeline

/// Options that pick which articles a stage works on.
struct SelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Work on part I of N (I from 0), split by a hash of the PMCID.",
        discussion: "Without it, SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX/JOB_COMPLETIONS are used when set.",
        valueName: "I/N"))
    var shard: String?

    @Option(help: "Stop after the first N selected articles, in listing order.")
    var limit: Int?

    @Option(name: .customLong("license-group"), help: ArgumentHelp(
        "Keep only articles of these license groups: commercial, noncommercial, other (comma-separated or repeated).",
        valueName: "GROUP"))
    var licenseGroups: [String] = []

    @Option(name: .customLong("pmcid"), help: ArgumentHelp(
        "Keep only these articles (comma-separated or repeated; PMC prefix optional).", valueName: "PMCID"))
    var pmcids: [String] = []

    @Option(help: ArgumentHelp(
        "Work only on article versions the source last modified on or after this day.",
        discussion: """
            The day is compared with the date each source reports (S3's LastModified, a folder's file time, the legacy list's Last Updated column); a version whose date cannot be read is kept. Older versions are listed but not read, so a run still notices articles the source no longer has (withdrawn). Example: --since 2026-03-01
            """,
        valueName: "YYYY-MM-DD"))
    var since: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        _ = try selection()
    }

    /// The selection these options describe.
    func selection() throws -> ArticleSelection {
        let shardSpec: ShardSpec
        do {
            if let shard {
                shardSpec = try ShardSpec(parsing: shard)
            } else {
                shardSpec = try ShardSpec.fromEnvironment(ProcessInfo.processInfo.environment) ?? .all
            }
        } catch {
            throw ValidationError("\(error)")
        }
        var groups: Set<LicenseGroup> = []
        for name in licenseGroups.flatMap({ $0.split(separator: ",") }) {
            guard let group = LicenseGroup(rawValue: name.trimmingWhitespace().lowercased()) else {
                throw ValidationError("unknown license group '\(name)': use commercial, noncommercial or other")
            }
            groups.insert(group)
        }
        var ids: Set<PMCID> = []
        for text in pmcids.flatMap({ $0.split(separator: ",") }) {
            guard let id = PMCID(String(text)) else { throw ValidationError("'\(text)' is not a PMCID") }
            ids.insert(id)
        }
        var modifiedSince: CalendarDate?
        if let since {
            guard let day = CalendarDate(since) else {
                throw ValidationError("--since '\(since)' is not a date: use YYYY-MM-DD, for example 2026-03-01")
            }
            modifiedSince = day
        }
        return ArticleSelection(shard: shardSpec, pmcids: ids, modifiedSince: modifiedSince, licenseGroups: groups, limit: limit)
    }
}
