/// At most a fixed number of requests in flight: a try takes a slot before it is sent and gives it
/// back once its answer is read, and tries beyond the limit wait their turn, first come first served.
///
/// The connection pool would queue them too, but a try's timeout must not run while it waits for
/// a connection: with many downloads queued, the last would time out before it began.
actor RequestSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// `count` slots.
    init(count: Int) {
        free = max(1, count)
    }

    /// Returns once a slot is taken.
    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a slot back, to the longest-waiting try if any.
    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
