/// DOIs as the XML writes them, reduced to the bare `10.x/y` form.
enum DOI {
    private static let prefixes = ["doi:", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"]

    /// `text` without whitespace or a `doi:` / resolver URL prefix; nil when nothing is left.
    static func normalized(_ text: String) -> String? {
        var doi = Substring(text.trimmingWhitespace())
        for prefix in prefixes where doi.lowercased().hasPrefix(prefix) {
            doi = doi.dropFirst(prefix.count)
            break
        }
        let bare = doi.trimmingWhitespace()
        return bare.isEmpty ? nil : bare
    }
}
