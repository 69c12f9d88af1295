import Annotation
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
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (dataset != nil) != (features != nil) else { throw ValidationError("give either --dataset DIR or --features FILE --out FILE") }
        if features != nil && out == nil { throw ValidationError("--features needs --out FILE") }
    }

    func run() async throws {
        let logger = global.makeLogger(label: "biomedica.annotate")
        do {
            let fitted = try ClusterModel.load(from: model)
            if let features, let out {
                let (labels, _) = try fitted.assign(file: features)
                try NPYFile.write(labels: labels, to: out)
                report("\(labels.count) rows into \(Set(labels).count) of \(fitted.settings.clusters) clusters (model \(fitted.fingerprint)): \(out)")
            } else if let dataset {
                let layout = DatasetLayout(root: URL(fileURLWithPath: dataset))
                let catalog = try CatalogOptions.openExisting(path: catalog ?? layout.defaultCatalog.path)
                let folder = layout.features(extractor: BuiltinFeatureExtractor().name)
                let assigned = try AnnotateStage.assign(files: FeatureFile.matrixFiles(at: folder.path), model: fitted, catalog: catalog)
                let written = try await relabelShards(catalog: catalog, dataset: layout.root, jobs: jobsOptions.forCores, quiet: global.quiet, logger: logger)
                report("\(assigned) images into clusters of model \(fitted.fingerprint); \(written.samplesChanged) samples changed in \(written.shardsRewritten) shards")
            }
        } catch {
            throw annotationFailure(error)
        }
    }

    private func report(_ line: String) {
        if !global.quiet { FileOutput.standardOutput.emit("annotate assign finished: \(line)\n") }
    }
}
