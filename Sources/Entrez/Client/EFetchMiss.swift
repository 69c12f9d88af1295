/// A PMID an efetch run got no record for, and why.
public struct EFetchMiss: Sendable, Hashable {
    /// Why there is no record.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// PubMed answered, more than once, without a record for it: NCBI drops unknown or
        /// withdrawn PMIDs silently. Asking again rarely helps.
        case noRecord = "no-record"
        /// No usable answer came: the requests failed (HTTP errors, error pages, timeouts) until
        /// the tries ran out, or failed for good. A later run asks again.
        case failed
    }

    /// The PMID.
    public var pmid: String
    /// Which of the two it is.
    public var kind: Kind
    /// What happened, for the log and the catalog.
    public var cause: String

    /// Creates a miss.
    public init(pmid: String, kind: Kind, cause: String) {
        self.pmid = pmid
        self.kind = kind
        self.cause = cause
    }
}
