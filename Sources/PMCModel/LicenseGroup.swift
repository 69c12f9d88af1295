/// Which part of the dataset an article may go to, decided by its license alone.
public enum LicenseGroup: String, Sendable, Codable, CaseIterable {
    /// CC0, CC BY, CC BY-SA, CC BY-ND: usable commercially.
    case commercial
    /// CC BY-NC, CC BY-NC-SA, CC BY-NC-ND.
    case noncommercial
    /// Anything else, including PMC's `NO-CC CODE` and a missing code.
    case other

    /// Classifies a PMC license code as written in the bucket's metadata or `oa_file_list.csv`.
    /// Spacing, case and a trailing version (`CC BY 4.0`) do not matter.
    public init(licenseCode: String?) {
        guard let licenseCode else {
            self = .other
            return
        }
        let words = licenseCode.uppercased()
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" })
            .filter { !$0.allSatisfy { $0.isNumber || $0 == "." } }
            .joined(separator: "-")
        switch words {
        case "CC0", "CC-BY", "CC-BY-SA", "CC-BY-ND": self = .commercial
        case "CC-BY-NC", "CC-BY-NC-SA", "CC-BY-NC-ND": self = .noncommercial
        default: self = .other
        }
    }
}
