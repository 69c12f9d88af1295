import ArgumentParser
import Foundation
import Pipeline

/// `biomedica serialize`: write the catalog's figures as WebDataset shards and Parquet tables.
struct SerializeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serialize",
        abstract: "Write the catalog's figures and tables as WebDataset shards and Parquet tables.",
        discussion: """
            Reads each extracted article's images from the source (the one it was extracted from), checks published MD5s, leaves out figures without a caption or with a side of 20 px or less, refuses images over the pixel limit before decoding them, converts CMYK and grayscale to sRGB, and leaves out exact duplicates (same decoded pixels) after the first by PMCID.

            Output, under --out:
              shards/{commercial,noncommercial,other}/NNNNNN.tar   KEY.jpg, KEY.txt (caption), KEY.json
              shards/GROUP/sizes.json (OpenCLIP's sample counts), shards/GROUP/index.json (bytes, MD5)
              parquet/samples.parquet, parquet/articles.parquet

            The same catalog and flags give byte-identical shards. A killed run resumes where it stopped; run it again after extracting more and it continues, or rewrites the shards when earlier articles changed.

            Examples:
              biomedica serialize --catalog out/c.sqlite --source Examples/sample-corpus --out out/dataset
              biomedica serialize --catalog c.sqlite --source pmc --out ds --reencode --resize center-crop --image-size 224
            """)

    @OptionGroup var sourceOptions: SourceOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var datasetOptions: DatasetOptions

    @OptionGroup var jobsOptions: JobsOptions

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let logger = global.makeLogger(label: "biomedica.serialize")
        let catalog = try catalogOptions.openExisting()
        try await sourceOptions.withSource(logger: logger) { source in
            let runner = StageRunner(
                source: source, sourceOptions: sourceOptions, catalog: catalog, jobs: jobsOptions, logger: logger,
                display: ProgressDisplay(quiet: global.quiet))
            let summary = try await runner.serialize(options: datasetOptions.serializeOptions, output: datasetOptions.outputURL)
            if !global.quiet {
                FileOutput.standardOutput.emit(SummaryText.serialize(summary, output: datasetOptions.out))
            }
        }
    }
}
