import Transport

extension SourceSpec {
    /// Fetches the files of the articles `selection` picks into the cache (which must be given),
    /// `context.jobs` articles at a time (default: the network settings' connections), and records the
    /// listing there so that later runs can read the cache with the source out of reach. Returns
    /// what the stage did and what its requests amounted to (nil for a local folder).
    public func fetch(_ selection: ArticleSelection, in context: RunContext) async throws -> (summary: FetchStage.Summary, http: HTTPStatistics?) {
        try await withCachedSource(logger: context.logger) { source, transport in
            var fetching = context
            fetching.jobs = context.jobs(default: network.connections)
            let stage = FetchStage(source: source, sourceKey: key, selection: selection)
            let summary = try await context.finishing("fetch") { try await stage.run(in: fetching) }
            return (summary, transport?.statistics)
        }
    }
}
