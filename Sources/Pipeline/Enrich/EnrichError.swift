/// Why the enrich stage stopped before asking for every PMID.
public enum EnrichError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `batches` requests in a row failed for good, the last with `cause`: E-utilities is out of
    /// reach, or refuses this client.
    case unreachable(cause: String, batches: Int)

    public var description: String {
        switch self {
        case .unreachable(let cause, let batches):
            "E-utilities failed \(batches) batches in a row, the last with: \(cause). What was fetched is kept; run again later"
        }
    }
}
