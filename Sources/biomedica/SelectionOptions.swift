import ArgumentParser
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
        do {
            _ = try selection()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The selection these options describe.
    func selection() throws(UsageError) -> ArticleSelection {
        try ArticleSelection(shard: shard, licenseGroups: licenseGroups, pmcids: pmcids, since: since, limit: limit)
    }
}
