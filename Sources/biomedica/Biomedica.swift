import ArgumentParser

/// The `biomedica` command: the stages of turning PMC's Open Access subset into an image-caption dataset.
@main
struct Biomedica: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "biomedica",
        abstract: "Turn the PubMed Central Open Access subset into an annotated image-caption dataset.",
        discussion: """
            `build` turns a source into a dataset (WebDataset shards per license group, sizes.json, index.json, Parquet tables); its stages also run alone. Each is resumable: run a command again and it skips finished work.

              biomedica build --source Examples/sample-corpus --out out/sample
              biomedica build --source pmc --limit 1000 --out pmc-1000
              biomedica extract --source Examples/sample-corpus --catalog out/c.sqlite
              biomedica serialize --source Examples/sample-corpus --catalog out/c.sqlite --out out/dataset
              biomedica merge --out whole parts/*
              biomedica verify --dataset out/sample
              biomedica show PMC99000001 --catalog out/c.sqlite
              biomedica export --catalog out/c.sqlite --jsonl out/a.jsonl

            Sources (--source): a local folder in the PMC Cloud layout or the legacy FTP layout (a folder holding oa_file_list.csv), s3://BUCKET[/PREFIX] with --endpoint for any S3-compatible server, an http(s) URL of a legacy mirror, or `pmc` for the real bucket.

            A dataset folder is written by one run at a time, and only if it is new, empty or biomedica's own: see `biomedica build --help`.

            Exit status: 0 when the run completed (per-article errors are recorded in the catalog, not fatal); 64 bad usage; 65 input that cannot be used as it is (parts that cannot be merged, labels outside the taxonomy); 66 the source, catalog or dataset does not exist; 69 the source cannot be reached; 73 the catalog or the dataset cannot be created or written, or holds files that are not biomedica's; 75 another run is writing the dataset or the catalog (--wait waits for it); 1 anything else.
            """,
        version: "0.1.0",
        subcommands: [FetchCommand.self, BuildCommand.self, ExtractCommand.self, EnrichCommand.self, SerializeCommand.self, ParsePubMedCommand.self, AnnotateCommand.self, MergeCommand.self, VerifyCommand.self, ExportCommand.self, ShowCommand.self]
    )
}
