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

            On a cluster, split a large dataset's shards between the tasks of an array with --shard; each task writes only its own shards' files. Then fit and assign once.

            Examples:
              biomedica annotate features --dataset out/sample
              biomedica annotate features --images figures/ --out figures.npy
              sbatch --wait --array=0-63 --wrap 'biomedica annotate features --dataset pmc --shard $SLURM_ARRAY_TASK_ID/64'
            """)

    @Option(help: ArgumentHelp("The dataset folder (`build --out`).", valueName: "DIR"))
    var dataset: String?

    @Option(help: ArgumentHelp("A folder of image files, instead of a dataset.", valueName: "DIR"))
    var images: String?

    @Option(help: ArgumentHelp("With --images: the feature file to write (.npy; the keys go beside it as .keys).", valueName: "FILE"))
    var out: String?

    @Option(help: ArgumentHelp(
        "With --dataset: work on part I of N of its shards (I from 0): those whose number, plus 0, 1 or 2 for the commercial, noncommercial or other group, is I modulo N.",
        discussion: "Unlike build, it does not read SLURM_ARRAY_TASK_ID by itself: an array that builds its parts and then computes each part's features must not split them again.",
        valueName: "I/N"))
    var shard: String?

    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (dataset != nil) != (images != nil) else { throw ValidationError("give either --dataset DIR or --images DIR --out FILE") }
        if images != nil && out == nil { throw ValidationError("--images needs --out FILE") }
        if images != nil && shard != nil { throw ValidationError("--shard splits a dataset's shards: it needs --dataset") }
        _ = try part()
    }

    /// The part of the dataset's shards `--shard` names; all of them without it.
    private func part() throws -> ShardSpec {
        guard let shard else { return .all }
        do {
            return try ShardSpec(parsing: shard)
        } catch {
            throw ValidationError("--shard: \(error)")
        }
    }

    func run() async throws {
        let context = global.context(label: "biomedica.annotate", jobs: jobsOptions, wait: waitOptions)
        let line = try await reportingFailures {
            if let images, let out {
                let computed = try await AnnotationSteps.features(images: URL(fileURLWithPath: images), output: URL(fileURLWithPath: out), in: context)
                return "\(computed.images) images (\(computed.failed) could not be decoded): \(out)"
            }
            let part = try part()
            let (summary, folder) = try await AnnotationSteps.features(dataset: URL(fileURLWithPath: dataset ?? "."), part: part, in: context)
            let of = part == .all ? "" : " of part \(part)"
            return "\(summary.images) images (\(summary.failed) could not be decoded), \(summary.computedShards) shards\(of) computed, \(summary.reusedShards) already done: \(folder.path)"
        }
        if !global.quiet { FileOutput.standardOutput.emit("annotate features finished: \(line)\n") }
    }
}
