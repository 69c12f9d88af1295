import ArgumentParser
import Foundation

/// `--dataset DIR [--catalog FILE]`: a built dataset and its catalog, for the annotate steps that
/// work on one.
struct AnnotatedDatasetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The dataset folder (`build --out`).", valueName: "DIR"))
    var dataset: String

    @Option(help: ArgumentHelp("The dataset's catalog (default: DIR/catalog.sqlite).", valueName: "FILE"))
    var catalog: String?

    /// The dataset folder.
    var url: URL { URL(fileURLWithPath: dataset) }

    /// The catalog file given, nil for the dataset's own.
    var catalogURL: URL? { catalog.map { URL(fileURLWithPath: $0) } }
}
