import ArgumentParser
import Pipeline

/// `biomedica verify`: read a dataset back whole and check it against its records.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Read every shard of a dataset and check it against index.json, sizes.json, the Parquet tables and the catalog.",
        discussion: """
            Checks each shard's size, MD5 and samples against index.json, the samples against those the catalog puts in that shard (in order), sizes.json against index.json, the row counts of samples.parquet and articles.parquet against the catalog, and the catalog itself (SQLite's integrity check). Every disagreement is named with its file; the exit status is then 65. Run it after copying a dataset: a resumed build checks only each shard's size and time.

            With --repair, first writes again what the catalog can rebuild: the Parquet tables, and a license group's index.json and sizes.json when its shards hold the samples the catalog puts in them. Shards themselves come from the source: `biomedica build` (or serialize) writes a changed shard again.

            Examples:
              biomedica verify --dataset out/sample
              biomedica verify --dataset copied --repair
            """)

    @OptionGroup var datasetOptions: AnnotatedDatasetOptions

    @Flag(help: "Write again the tables and indexes the catalog can rebuild, then check.")
    var repair = false

    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let report = try await reportingFailures {
            try await DatasetCheck.run(
                dataset: datasetOptions.url, catalog: datasetOptions.catalogURL, repair: repair,
                in: global.context(label: "biomedica.verify", wait: waitOptions))
        }
        guard !global.quiet else { return }
        let repaired = report.repaired.map { "  repaired: \($0)\n" }.joined()
        FileOutput.standardOutput.emit("verify finished: \(report.shards) shards read, the dataset is as its records say\n" + repaired)
    }
}
