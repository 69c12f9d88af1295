@testable import PMCSource
import Testing

@Suite("HTTP retry waits: full-jitter backoff and a capped Retry-After")
struct HTTPFetcherWaitTests {
    @Test("the wait before a retry is random, between none and a cap that doubles with each try")
    func backoff() {
        var fetcher = HTTPFetcher(transport: .shared)
        fetcher.firstBackoff = .milliseconds(100)
        for attempt in 1...3 {
            let cap = Duration.milliseconds(100) * (1 << (attempt - 1))
            let waits = (0..<100).map { _ in fetcher.backoff(beforeTry: attempt) }
            #expect(waits.allSatisfy { $0 >= .zero && $0 <= cap }, "try \(attempt)")
            #expect(Set(waits).count > 1, "try \(attempt): no jitter")
            #expect(waits.contains { $0 > cap / 2 }, "try \(attempt): the cap did not grow")
        }
    }

    @Test("Retry-After in seconds is obeyed up to the cap; other forms fall back to the backoff")
    func retryAfter() {
        var fetcher = HTTPFetcher(transport: .shared)
        #expect(fetcher.retryAfter("1") == .seconds(1))
        #expect(fetcher.retryAfter(" 30 ") == .seconds(30))
        #expect(fetcher.retryAfter("3600") == .seconds(60))
        fetcher.maxRetryAfter = .milliseconds(50)
        #expect(fetcher.retryAfter("1") == .milliseconds(50))
        #expect(fetcher.retryAfter(nil) == nil)
        #expect(fetcher.retryAfter("-1") == nil)
        #expect(fetcher.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT") == nil)
    }
}
