import ArgumentParser
import Catalog
import Foundation
import Logging
import Pipeline
import PMCSource

/// Runs the stages for the commands, turning their failures into meaningful exit statuses.
struct StageRunner {
    let source: any ArticleSource
    let sourceOptions: SourceOptions
    let catalog: Catalog
    let jobs: JobsOptions
    let logger: Logger
    let display: ProgressDisplay

    /// Runs the extract stage.
    func extract(selection: ArticleSelection, retryFailed: Bool) async throws -> ExtractSummary {
        let stage = ExtractStage(
            source: source, catalog: catalog, jobs: jobs.forReading(sourceOptions), selection: selection, retryFailed: retryFailed, logger: logger)
        defer { display.finish() }
        do {
            return try await stage.run(progress: { display.update($0) })
        } catch let error as CatalogError {
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        } catch {
            throw fail("\(error)", status: sourceOptions.exitStatus(for: error))
        }
    }

    /// Runs the serialize stage.
    func serialize(options: SerializeOptions, output: URL) async throws -> SerializeSummary {
        let stage = SerializeStage(source: source, catalog: catalog, output: output, jobs: jobs.forCores, options: options, logger: logger)
        defer { display.finish() }
        do {
            return try await stage.run(progress: { display.update($0) })
        } catch let error as CatalogError {
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        } catch let error as SourceError {
            throw fail("\(error)", status: sourceOptions.exitStatus(for: error))
        } catch {
            // Shards, indexes and tables that cannot be written.
            throw fail("\(error)", status: ExitStatus.cannotCreate)
        }
    }
}
