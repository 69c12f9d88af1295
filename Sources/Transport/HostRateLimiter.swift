/// Spaces the requests sent to each host so that none receives more than a given number a second:
/// requests to a host take turns, first come first served, and each turn begins `interval` after
/// the previous one actually began.
///
/// Spacing from when the previous turn began, not from when it was due, matters under load: a
/// turn that wakes late would otherwise leave the next ones on their old schedule, bunched up
/// behind it, and a server counting arrivals would see more than its limit in a second.
actor HostRateLimiter {
    /// The time between two requests to one host.
    let interval: Duration
    /// Each host's latest turn, which returns when it began.
    private var lastTurn: [String: Task<ContinuousClock.Instant, Never>] = [:]

    /// A limiter letting `requestsPerSecond` requests a second reach each host.
    init(requestsPerSecond: Double) {
        interval = .nanoseconds(Int64(1_000_000_000 / requestsPerSecond))
    }

    /// Returns once a request to `host` may be sent.
    func waitForTurn(host: String) async {
        let previous = lastTurn[host]
        let interval = interval
        let turn = Task {
            if let began = await previous?.value {
                try? await Task.sleep(until: began + interval, clock: .continuous)
            }
            return ContinuousClock.now
        }
        lastTurn[host] = turn
        _ = await turn.value
    }
}
