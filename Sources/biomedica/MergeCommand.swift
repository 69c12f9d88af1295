import ArgumentParser
import Foundation
import Pipeline

/// `biomedica merge`: join the parts of a sharded build into one dataset.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the parts written by `build --shard I/N` into one dataset.",
        discussion: """
            Each PART_DIR is the --out folder of a finished `biomedica build --shard I/N` (with its catalog.sqlite). The parts must have been built with the same image, filter and shard flags and hold no article twice. The merged folder is what one `biomedica build` without --shard would have written, byte for byte: shards renumbered, duplicates across parts left out, sizes.json, index.json and the Parquet tables over the whole dataset, and a catalog a later build continues from.

            Exit status: 0 merged; 65 a part is unfinished, was built with other flags, or shares an article with another; 66 a part or its catalog does not exist; 73 the output folder is not empty or cannot be written; 75 a part or the output is being written by another run (--wait waits for it).

            Example:
              for i in 0 1 2; do biomedica build --source pmc --shard $i/3 --out parts/$i; done
              biomedica merge --out dataset parts/0 parts/1 parts/2
            """)

    @Option(help: ArgumentHelp("The merged dataset folder: absent, empty, or left by a merge that was stopped (it starts again).", valueName: "DIR"))
    var out: String

    @Argument(help: ArgumentHelp("The parts: --out folders of `biomedica build --shard I/N`.", valueName: "PART_DIR"))
    var parts: [String]

    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one PART_DIR") }
    }

    func run() async throws {
        let stage = MergeStage(parts: parts.map { URL(fileURLWithPath: $0) }, output: URL(fileURLWithPath: out))
        let summary = try await reportingFailures {
            try await stage.run(in: global.context(label: "biomedica.merge", wait: waitOptions))
        }
        if !global.quiet {
            FileOutput.standardOutput.emit(SummaryText.merge(summary, output: out))
        }
    }
}
