import Crypto
import PMCModel
/// Builds stable sample keys from an article's PMCID, the figure's position and its graphic name.
///
/// Why so strict: webdataset splits a member name at the first `.` of its base name, so a key like
/// `pone.0046493.g001` would scatter one sample across three; and keys end up in file names, URLs
/// and shell commands, so only `[A-Za-z0-9_-]` survives.
public enum SampleKey {
    /// Longest graphic part kept verbatim; longer ones are cut and suffixed with a hash so the key
    /// (plus `.json`) stays within the 100-byte ustar name field.
    public static let maxGraphicLength = 64

    /// `PMC3166277`, `3`, `1471-2180-11-174-3` -> `PMC3166277_0003_1471-2180-11-174-3`.
    ///
    /// - Parameters:
    ///   - pmcid: the article's PMCID, with or without the `PMC` prefix.
    ///   - figurePosition: the figure's position in the article (printed with at least 4 digits so keys sort).
    ///   - graphicName: the graphic's href or file stem; empty leaves that part out.
    public static func make(pmcid: String, figurePosition: Int, graphicName: String) -> String {
        var id = sanitize(pmcid)
        if !id.uppercased().hasPrefix("PMC") { id = "PMC" + id }
        let position = String(figurePosition)
        let padded = String(repeating: "0", count: max(0, 4 - position.count)) + position
        var key = "\(id)_\(padded)"
        if !graphicName.isEmpty {
            var graphic = sanitize(graphicName)
            if graphic.utf8.count > maxGraphicLength {
                // Keep a readable head and make the cut unique with an MD5 of the full name.
                let hash = Insecure.MD5.hash(data: Array(graphicName.utf8)).lowercaseHex.prefix(8)
                graphic = String(graphic.prefix(maxGraphicLength - 9)) + "-" + hash
            }
            key += "_" + graphic
        }
        return key
    }

    /// `key` made distinct for `graphicName`, whose key it is but which another graphic of the same
    /// figure already took (`a.b` and `a-b`, `fig a` and `fig_a` sanitize alike): a `-` and the
    /// first 8 hex digits of the name's MD5 follow it. The first graphic keeps the plain key.
    public static func disambiguated(_ key: String, graphicName: String) -> String {
        key + "-" + Insecure.MD5.hash(data: Array(graphicName.utf8)).lowercaseHex.prefix(8)
    }

    /// Replaces `.` with `-` and any other character outside `[A-Za-z0-9_-]` with `_`.
    public static func sanitize(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": out.unicodeScalars.append(scalar)
            case ".": out.append("-")
            default: out.append("_")
            }
        }
        return out
    }
}
