import Catalog
import Foundation
import Logging
import Pipeline

/// Brings a dataset's shards, indexes and tables in line with the clusters and labels in its
/// catalog, `jobs` shards at a time, with a progress bar: how `annotate assign --dataset` and
/// `annotate label` end.
func relabelShards(catalog: Catalog, dataset: URL, jobs: Int, quiet: Bool, logger: Logger) async throws -> AnnotationWriter.Summary {
    let display = ProgressDisplay(quiet: quiet)
    defer { display.finish() }
    return try await AnnotationWriter(catalog: catalog, dataset: dataset, logger: logger).run(jobs: jobs) { done, total in
        display.update(stage: "shards", done: done, total: total, unit: "shards", detail: "")
    }
}
