/// Spaces the requests sent to each host so that none receives more than a given number a second:
/// every request takes the host's next free slot and waits for it.
actor HostRateLimiter {
    /// The time between two requests to one host.
    let interval: Duration
    /// When each host's next free slot comes.
    private var nextSlot: [String: ContinuousClock.Instant] = [:]

    /// A limiter letting `requestsPerSecond` requests a second reach each host.
    init(requestsPerSecond: Double) {
        interval = .nanoseconds(Int64(1_000_000_000 / requestsPerSecond))
    }

    /// Returns once a request to `host` may be sent.
    func waitForTurn(host: String) async {
        let now = ContinuousClock.now
        let slot = max(now, nextSlot[host] ?? now)
        // The slot is taken before sleeping: requests arriving meanwhile queue behind it.
        nextSlot[host] = slot + interval
        try? await Task.sleep(until: slot, clock: .continuous)
    }
}
