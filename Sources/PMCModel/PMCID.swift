/// A PubMed Central article identifier in its canonical form, `PMC` followed by digits.
public struct PMCID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The canonical text, for example `PMC3166277`.
    public let rawValue: String

    /// Parses the forms found in the wild: `PMC3166277`, `pmc3166277`, `3166277`, with
    /// surrounding whitespace. Returns nil for anything else.
    public init?(_ text: String) {
        var digits = Substring(text.trimmingWhitespace())
        if digits.count > 3, digits.prefix(3).uppercased() == "PMC" {
            digits = digits.dropFirst(3)
        }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let trimmed = digits.drop(while: { $0 == "0" })
        rawValue = "PMC" + (trimmed.isEmpty ? "0" : trimmed)
    }

    /// The number without the prefix.
    public var number: UInt64 { UInt64(rawValue.dropFirst(3)) ?? 0 }

    public var description: String { rawValue }

    /// Orders numerically, so `PMC99` sorts before `PMC100`.
    public static func < (lhs: PMCID, rhs: PMCID) -> Bool {
        lhs.number < rhs.number
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = PMCID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a PMCID: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    public func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[start...last])
    }
}
