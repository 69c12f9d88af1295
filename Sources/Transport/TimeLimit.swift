/// The result of `operation`, or `TimeLimitExceeded` once `limit` has passed, `operation` then
/// being cancelled: AsyncHTTPClient's deadline ends with the response head, and a server that
/// stalls mid-body must not hold a try forever.
package func withTimeLimit<T: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask(operation: operation)
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeLimitExceeded(limit: limit)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}

/// A try that took longer than its limit.
package struct TimeLimitExceeded: Error, CustomStringConvertible {
    /// The limit it passed.
    package var limit: Duration
    package var description: String { "no complete answer within \(limit)" }
}
