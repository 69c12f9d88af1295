import XML

/// Why a document yielded no article.
public enum JATSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not well-formed XML.
    case malformedXML(XMLParseError)
    /// The root element is neither `<article>` nor `<pmc-articleset>`.
    case notAnArticle(rootElement: String)

    public var description: String {
        switch self {
        case .malformedXML(let error): "malformed XML at \(error)"
        case .notAnArticle(let root): "the root element <\(root)> is not a JATS <article> or <pmc-articleset>"
        }
    }
}
