import XML

/// Why an efetch answer yielded no records.
public enum PubMedParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes from `source` are not well-formed XML.
    case malformedXML(source: String, XMLParseError)
    /// The root element of `source` is not `PubmedArticleSet`: NCBI answered something else
    /// (an `eFetchResult` error, an HTML page).
    case notAPubMedArticleSet(source: String, rootElement: String)

    /// The source, then what is wrong with it and where.
    public var description: String {
        switch self {
        case .malformedXML(let source, let error): "\(source): malformed XML at \(error)"
        case .notAPubMedArticleSet(let source, let root): "\(source): the root element <\(root)> is not a <PubmedArticleSet>"
        }
    }
}
