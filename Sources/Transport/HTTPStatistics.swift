/// What a transport's requests amounted to, for the closing summary: a run with many retries or
/// resumed downloads points at a struggling server or network even when every file arrived.
public struct HTTPStatistics: Sendable, Hashable {
    /// Tries sent, retries included.
    public var requests = 0
    /// Tries that were retries of a failed one.
    public var retries = 0
    /// Tries that asked only for the rest of a download cut short (the server may still have
    /// answered with the whole file).
    public var resumedDownloads = 0

    /// No requests yet.
    public init() {}
}
