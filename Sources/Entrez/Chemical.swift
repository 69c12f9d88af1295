/// A substance indexed in a PubMed record's `ChemicalList`.
public struct Chemical: Hashable, Sendable, Codable {
    /// The substance name (`Budesonide`).
    public var name: String
    /// The registry number: CAS, UNII or EC number, `0` when there is none.
    public var registryNumber: String
    /// The MeSH unique identifier of the substance (`D019819`, or a supplementary `C...`), empty when absent.
    public var uniqueID: String

    /// The JSON keys: snake_case, as in the dataset's other JSON.
    enum CodingKeys: String, CodingKey {
        case name
        case registryNumber = "registry_number"
        case uniqueID = "unique_id"
    }

    /// Creates a chemical from its parts.
    public init(name: String, registryNumber: String, uniqueID: String) {
        self.name = name
        self.registryNumber = registryNumber
        self.uniqueID = uniqueID
    }
}
