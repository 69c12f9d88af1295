import Annotation
import ArgumentParser
import Foundation
import Pipeline

/// `biomedica annotate features`.
struct AnnotateFeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Compute every image's feature vector, from a dataset's shards or a folder of images.",
        discussion: """
            Decodes each image as a 128-pixel thumbnail and computes the built-in descriptor (colour and grey histograms, background and edge shares, gradient orientations on a 2 x 2 grid, an 8 x 8 grey layout: 184 values, no model weights).

            With --dataset, writes one feature file per shard, DIR/features/builtin-v2/GROUP/NNNNNN.npy (float32, one row per image) with NNNNNN.keys beside it (the sample keys, in row order). A shard whose feature file already lists its keys is not decoded again. With --images, writes one feature file for every image under the folder, keyed by its path.

            Examples:
              biomedica annotate features --dataset out/sample
              biomedica annotate features --images figures/ --out figures.npy
            """)

    @Option(help: ArgumentHelp("The dataset folder (`build --out`).", valueName: "DIR"))
    var dataset: String?

    @Option(help: ArgumentHelp("A folder of image files, instead of a dataset.", valueName: "DIR"))
    var images: String?

    @Option(help: ArgumentHelp("With --images: the feature file to write (.npy; the keys go beside it as .keys).", valueName: "FILE"))
    var out: String?

    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (dataset != nil) != (images != nil) else { throw ValidationError("give either --dataset DIR or --images DIR --out FILE") }
        if images != nil && out == nil { throw ValidationError("--images needs --out FILE") }
    }

    func run() async throws {
        let logger = global.makeLogger(label: "biomedica.annotate")
        let display = ProgressDisplay(quiet: global.quiet)
        let computer = FeatureComputer(extractor: BuiltinFeatureExtractor(), jobs: jobsOptions.forCores)
        let line: String
        do {
            defer { display.finish() }
            if let images, let out {
                let (file, failures) = try await ImageFolderFeatures(computer: computer).compute(folder: images) { done in
                    display.update(stage: "features", done: done, total: 0, unit: "images", detail: "")
                }
                for failure in failures { logger.warning("\(images)/\(failure.path): no features: \(failure.reason)") }
                try file.write(to: out)
                line = "\(file.keys.count) images (\(failures.count) could not be decoded): \(out)"
            } else {
                let stage = FeatureStage(dataset: URL(fileURLWithPath: dataset ?? "."), extractor: computer.extractor, jobs: computer.jobs, logger: logger)
                let summary = try await stage.run { done in
                    display.update(stage: "features", done: done, total: 0, unit: "images", detail: "")
                }
                line = "\(summary.images) images (\(summary.failed) could not be decoded), \(summary.computedShards) shards computed, \(summary.reusedShards) already done: \(stage.folder.path)"
            }
        } catch {
            throw annotationFailure(error)
        }
        if !global.quiet { FileOutput.standardOutput.emit("annotate features finished: \(line)\n") }
    }
}
