import PMCModel

/// What the serialize stage did with one article version: its samples and the problems of the
/// graphics that did not become samples.
public struct SerializedArticle: Sendable {
    /// The article version.
    public var id: ArticleVersion
    /// The extraction fingerprint it was serialized from, to notice a later change.
    public var fingerprint: String
    /// Its samples in order.
    public var samples: [SampleRecord]
    /// Graphics left out (warnings) and graphics that failed (errors).
    public var problems: [Problem]

    /// Creates the record of one article.
    public init(id: ArticleVersion, fingerprint: String, samples: [SampleRecord], problems: [Problem]) {
        self.id = id
        self.fingerprint = fingerprint
        self.samples = samples
        self.problems = problems
    }
}
