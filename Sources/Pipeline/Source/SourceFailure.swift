import PMCSource

/// A source that failed as a whole during a run (unreachable, gone): the error, and whether the
/// source was a local folder, which makes it missing input rather than a service out of reach.
public struct SourceFailure: Error, Sendable, CustomStringConvertible {
    /// What the source said.
    public var error: SourceError
    /// True for a local folder.
    public var isLocal: Bool

    public var description: String { "\(error)" }
}
