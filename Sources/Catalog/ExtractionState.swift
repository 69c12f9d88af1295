/// What the catalog already holds for an article version.
public struct ExtractionState: Sendable, Equatable {
    /// The fingerprint the article had when it was extracted.
    public var fingerprint: String
    /// True when extraction failed.
    public var failed: Bool

    /// Creates a state.
    public init(fingerprint: String, failed: Bool) {
        self.fingerprint = fingerprint
        self.failed = failed
    }
}
