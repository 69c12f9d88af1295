/// Where a running stage stands: what the CLI draws as a progress line and the server sends as
/// JSON. Every stage reports in this one shape.
public struct ProgressEvent: Sendable, Equatable, Codable {
    /// A count worth showing beside the progress, for example 3 `failed`.
    public struct Count: Sendable, Equatable, Codable {
        /// What is counted.
        public var name: String
        /// How many.
        public var value: Int

        /// A count.
        public init(_ name: String, _ value: Int) {
            self.name = name
            self.value = value
        }
    }

    /// The stage or step: `extract`, `serialize`, `features`...
    public var stage: String
    /// Units of work done.
    public var done: Int
    /// Units of work in all; nil while unknown.
    public var total: Int?
    /// What a unit is: `articles`, `images`, `shards`...
    public var unit: String
    /// Other counts, in the order they read best.
    public var counts: [Count]
    /// True for the stage's last event: it ended (done, or stopped by an error).
    public var finished: Bool

    /// An event.
    public init(stage: String, done: Int, total: Int?, unit: String, counts: [Count] = [], finished: Bool = false) {
        self.stage = stage
        self.done = done
        self.total = total
        self.unit = unit
        self.counts = counts
        self.finished = finished
    }
}

/// Receives a run's progress events, from any task.
public typealias ProgressSink = @Sendable (ProgressEvent) -> Void
