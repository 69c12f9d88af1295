import Testing
import Transport

@Suite("Retry waits: full-jitter backoff and a capped Retry-After")
struct RetryWaitsTests {
    @Test("the wait before a retry is random, between none and a cap that doubles with each try")
    func backoff() {
        let waits = RetryWaits(firstBackoff: .milliseconds(100))
        for attempt in 1...3 {
            let cap = Duration.milliseconds(100) * (1 << (attempt - 1))
            let drawn = (0..<100).map { _ in waits.backoff(beforeTry: attempt) }
            #expect(drawn.allSatisfy { $0 >= .zero && $0 <= cap }, "try \(attempt)")
            #expect(Set(drawn).count > 1, "try \(attempt): no jitter")
            #expect(drawn.contains { $0 > cap / 2 }, "try \(attempt): the cap did not grow")
        }
    }

    @Test("Retry-After in seconds is obeyed up to the cap; other forms fall back to the backoff")
    func retryAfter() {
        var waits = RetryWaits()
        #expect(waits.retryAfter("1") == .seconds(1))
        #expect(waits.retryAfter(" 30 ") == .seconds(30))
        #expect(waits.retryAfter("3600") == .seconds(60))
        waits.maxRetryAfter = .milliseconds(50)
        #expect(waits.retryAfter("1") == .milliseconds(50))
        #expect(waits.retryAfter(nil) == nil)
        #expect(waits.retryAfter("-1") == nil)
        #expect(waits.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT") == nil)
    }
}
