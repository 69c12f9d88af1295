import ArgumentParser
import Foundation
import Pipeline

/// `biomedica annotate assign`.
struct AnnotateAssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Give every image its nearest cluster of a saved model.",
        discussion: """
            With --dataset, every feature file of the dataset is assigned, a batch at a time: the clusters go into the catalog (replacing any earlier assignment) and into the samples' image_label_id, in the shards' JSON and the Parquet tables (the shards are copied with new JSON members, --jobs at a time; images are not decoded again). With --features and --out, one feature matrix is assigned into a NumPy file of cluster numbers.

            Examples:
              biomedica annotate assign --model out/sample/annotation/model --dataset out/sample
              biomedica annotate assign --model model --features features.npy --out clusters.npy
            """)

    @Option(help: ArgumentHelp("The model folder `annotate fit` saved.", valueName: "DIR"))
    var model: String

    @Option(help: ArgumentHelp("The dataset folder (`build --out`) whose features/builtin-v2 to assign.", valueName: "DIR"))
    var dataset: String?

    @Option(help: ArgumentHelp("With --dataset: its catalog (default: DIR/catalog.sqlite).", valueName: "FILE"))
    var catalog: String?

    @Option(help: ArgumentHelp("A feature matrix (.npy, float32, one row per image) to assign instead of a dataset.", valueName: "FILE"))
    var features: String?

    @Option(help: ArgumentHelp("With --features: where to write the clusters (.npy, int64, one per row).", valueName: "FILE"))
    var out: String?

    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (dataset != nil) != (features != nil) else { throw ValidationError("give either --dataset DIR or --features FILE --out FILE") }
        if features != nil && out == nil { throw ValidationError("--features needs --out FILE") }
    }

    func run() async throws {
        let context = global.context(label: "biomedica.annotate", jobs: jobsOptions, wait: waitOptions)
        let line = try await reportingFailures {
            let model = URL(fileURLWithPath: model)
            if let features, let out {
                let assigned = try AnnotationSteps.assign(model: model, features: URL(fileURLWithPath: features), output: URL(fileURLWithPath: out))
                return "\(assigned.rows) rows into \(assigned.clustersUsed) of \(assigned.model.settings.clusters) clusters (model \(assigned.model.fingerprint)): \(out)"
            }
            let assigned = try await AnnotationSteps.assign(
                model: model, dataset: URL(fileURLWithPath: dataset ?? "."), catalog: catalog.map { URL(fileURLWithPath: $0) }, in: context)
            return "\(assigned.images) images into clusters of model \(assigned.model); \(assigned.written.samplesChanged) samples changed in \(assigned.written.shardsRewritten) shards"
        }
        if !global.quiet { FileOutput.standardOutput.emit("annotate assign finished: \(line)\n") }
    }
}
