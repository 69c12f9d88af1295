import Foundation

/// How long a client waits before trying a failed request again: a random wait whose cap doubles
/// with each try, or what the server asked for with `Retry-After`, within a cap.
public struct RetryWaits: Sendable, Hashable {
    /// The cap of the random wait before the second try; the cap doubles for each further try.
    public var firstBackoff: Duration
    /// The longest `Retry-After` obeyed: a server asking for more is retried after this long.
    public var maxRetryAfter: Duration

    /// Waits starting under `firstBackoff` and obeying `Retry-After` up to `maxRetryAfter`.
    public init(firstBackoff: Duration = .milliseconds(200), maxRetryAfter: Duration = .seconds(60)) {
        self.firstBackoff = firstBackoff
        self.maxRetryAfter = maxRetryAfter
    }

    /// A random wait between none and `firstBackoff` × 2^(try − 1), try 0 being the first
    /// ("full jitter"): clients that failed together then retry spread out, not in a burst.
    public func backoff(beforeTry attempt: Int) -> Duration {
        let cap = firstBackoff * (1 << (max(1, attempt) - 1))
        return .nanoseconds(Int64.random(in: 0...cap.nanoseconds))
    }

    /// The wait a `Retry-After: SECONDS` header asks for, at most `maxRetryAfter`; nil without
    /// one, or with the rarer HTTP-date form, which then gets the usual backoff.
    public func retryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0
        else { return nil }
        return min(.seconds(seconds), maxRetryAfter)
    }
}
