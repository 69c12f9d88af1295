import ArgumentParser
import Pipeline

/// `biomedica serialize`: write the catalog's figures as WebDataset shards and Parquet tables.
struct SerializeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serialize",
        abstract: "Write the catalog's figures and tables as WebDataset shards and Parquet tables.",
        discussion: """
            Reads each extracted article's images from the source (the one it was extracted from), checks published MD5s, leaves out figures without a caption or with a side of 20 px or less, refuses images over the pixel limit before decoding them, converts CMYK and grayscale to sRGB, and leaves out exact duplicates (the same image bytes) after the first by PMCID. A near duplicate (perceptual hash within --near-duplicate-distance bits of an earlier image's) is kept and marked with image_near_duplicate_of, or left out with --drop-near-duplicates.

            Output, under --out:
              shards/{commercial,noncommercial,other}/NNNNNN.tar   KEY.jpg, KEY.txt (caption), KEY.json
              shards/GROUP/sizes.json (OpenCLIP's sample counts), shards/GROUP/index.json (bytes, MD5)
              parquet/samples.parquet, parquet/articles.parquet

            The folder must be new, empty or a dataset biomedica wrote: files of someone else's are never written over or deleted. One run writes a dataset at a time; another waits (--wait) or exits with status 75. The same catalog and flags give byte-identical shards. A killed run resumes where it stopped; run it again after extracting more and it continues, or rewrites the shards when earlier articles changed or a finished shard was changed on disk.

            Examples:
              biomedica serialize --catalog out/c.sqlite --source Examples/sample-corpus --out out/dataset
              biomedica serialize --catalog c.sqlite --source pmc --out ds --reencode --resize center-crop --image-size 224
            """)

    @OptionGroup var sourceOptions: SourceOptions
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var datasetOptions: DatasetOptions
    @OptionGroup var jobsOptions: JobsOptions
    @OptionGroup var waitOptions: WaitOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var plan = BuildPlan(
            source: sourceOptions.spec, dataset: datasetOptions.outputURL, catalog: catalogOptions.url, options: datasetOptions.serializeOptions)
        plan.serialize = true
        plan.features = datasetOptions.features
        let summary = try await reportingFailures {
            try await plan.run(in: global.context(label: "biomedica.serialize", jobs: jobsOptions, wait: waitOptions))
        }
        if !global.quiet, let serialized = summary.serialize {
            FileOutput.standardOutput.emit(SummaryText.serialize(serialized, output: datasetOptions.out))
        }
    }
}
