import ArgumentParser
import Catalog
import Foundation
import Pipeline

/// `--dataset DIR [--catalog FILE]`: a built dataset and its catalog, for the annotate steps that
/// work on one.
struct AnnotatedDatasetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The dataset folder (`build --out`).", valueName: "DIR"))
    var dataset: String

    @Option(help: ArgumentHelp("The dataset's catalog (default: DIR/catalog.sqlite).", valueName: "FILE"))
    var catalog: String?

    /// The dataset folder.
    var url: URL { URL(fileURLWithPath: dataset) }

    /// Opens the catalog, which must exist.
    func openCatalog() throws -> Catalog {
        try CatalogOptions.openExisting(path: catalog ?? DatasetLayout(root: url).defaultCatalog.path)
    }
}
