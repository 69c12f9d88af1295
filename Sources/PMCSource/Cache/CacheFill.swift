/// What putting one file into the content cache did.
public enum CacheFill: Sendable, Hashable {
    /// The file was there already; nothing was transferred.
    case alreadyCached
    /// The file was transferred and verified: this many bytes.
    case fetched(bytes: Int)
}
