/// The journal a PubMed article appeared in.
public struct PubMedJournal: Hashable, Sendable, Codable {
    /// The full title (`The New England journal of medicine`).
    public var title: String
    /// The ISO abbreviation (`N Engl J Med`), nil when absent.
    public var isoAbbreviation: String?
    /// The ISSN of the issue cited, nil when absent.
    public var issn: String?
    /// Which ISSN that is (`Print` or `Electronic`), nil when not said.
    public var issnType: String?
    /// The linking ISSN that groups all media of the journal (`MedlineJournalInfo/ISSNLinking`), nil when absent.
    public var linkingISSN: String?

    /// The JSON keys: snake_case, as in the dataset's other JSON.
    enum CodingKeys: String, CodingKey {
        case title
        case isoAbbreviation = "iso_abbreviation"
        case issn
        case issnType = "issn_type"
        case linkingISSN = "linking_issn"
    }

    /// Creates a journal from its parts.
    public init(title: String, isoAbbreviation: String? = nil, issn: String? = nil, issnType: String? = nil, linkingISSN: String? = nil) {
        self.title = title
        self.isoAbbreviation = isoAbbreviation
        self.issn = issn
        self.issnType = issnType
        self.linkingISSN = linkingISSN
    }
}
