/// Pulls inputs batch by batch and transforms them with at most `width` transforms running at
/// once, yet hands the results back in input order: metadata files are fetched concurrently
/// while the listing stays deterministic.
///
/// Pull-driven: nothing runs ahead of the consumer by more than `width` items, so memory stays
/// bounded however long the listing is. `next()` must not be called concurrently with itself.
actor OrderedConcurrentMap<Input: Sendable, Output: Sendable> {
    private let width: Int
    private let nextBatch: @Sendable () async throws(SourceError) -> [Input]?
    private let transform: @Sendable (Input) async -> Output
    private var pending: ArraySlice<Input> = []
    private var running: [Task<Output, Never>] = []
    private var exhausted = false

    /// A map over the batches `nextBatch` returns until it returns nil.
    init(
        width: Int,
        nextBatch: @escaping @Sendable () async throws(SourceError) -> [Input]?,
        transform: @escaping @Sendable (Input) async -> Output
    ) {
        self.width = max(width, 1)
        self.nextBatch = nextBatch
        self.transform = transform
    }

    deinit {
        for task in running { task.cancel() }
    }

    /// The next result in input order, or nil after the last.
    func next() async throws(SourceError) -> Output? {
        while running.count < width {
            if let input = pending.popFirst() {
                let transform = self.transform
                running.append(Task { await transform(input) })
            } else if exhausted {
                break
            } else if let batch = try await nextBatch() {
                pending = batch[...]
            } else {
                exhausted = true
            }
        }
        guard !running.isEmpty else { return nil }
        return await running.removeFirst().value
    }

    /// The results as a stream, for `ArticleSource.listArticles()`.
    nonisolated func stream() -> AsyncThrowingStream<Output, any Error> {
        AsyncThrowingStream { try await self.next() }
    }
}
