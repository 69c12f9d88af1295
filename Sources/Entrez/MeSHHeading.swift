/// A MeSH heading: a descriptor narrowed by any number of qualifiers (subheadings).
public struct MeSHHeading: Hashable, Sendable, Codable {
    /// The descriptor, with its own major-topic flag.
    public var descriptor: MeSHTerm
    /// The qualifiers in record order, each with its own major-topic flag.
    public var qualifiers: [MeSHTerm]

    /// Creates a heading from its parts.
    public init(descriptor: MeSHTerm, qualifiers: [MeSHTerm] = []) {
        self.descriptor = descriptor
        self.qualifiers = qualifiers
    }
}
