/// One entry of the reference list (`ref-list/ref`).
public struct Reference: Sendable, Equatable, Codable {
    /// `ref/@id`.
    public var id: String?
    /// The reference as plain text.
    public var text: String
    /// `pub-id[@pub-id-type='pmid']`, if given.
    public var pmid: String?
    /// `pub-id[@pub-id-type='doi']`, if given.
    public var doi: String?

    /// Creates a reference.
    public init(id: String?, text: String, pmid: String? = nil, doi: String? = nil) {
        self.id = id
        self.text = text
        self.pmid = pmid
        self.doi = doi
    }
}
