/// Finds the media file a JATS `graphic/@xlink:href` means among an article's media file names.
///
/// PMC writes hrefs without an extension (`gr1`, `pone.0046493.g001`) or with one that may not
/// match the file shipped (`fig1.tif` while the package holds `fig1.jpg`), and ships a `.gif`
/// thumbnail beside most images. Rules, first match wins:
/// 1. the href's file name exactly, then ignoring case;
/// 2. its stem (the name without an image extension; `pone.0046493.g001` has none, so it is all
///    stem) plus `.jpg`, `.jpeg`, `.png`, `.tif`, `.tiff`, each exactly then ignoring case;
/// 3. the stem plus `.gif`, the thumbnail, only when nothing else exists.
public struct MediaResolver: Sendable {
    /// Extensions tried after the stem, in order of preference; `.gif` comes after all of them.
    public static let preferredExtensions = ["jpg", "jpeg", "png", "tif", "tiff"]
    private static let imageExtensions = Set(preferredExtensions + ["gif"])

    private let names: Set<String>
    private let namesByLowercase: [String: String]

    /// A resolver over one article's media file names (no folders).
    public init(mediaFiles: [String]) {
        names = Set(mediaFiles)
        // Sorted first so that, of names differing only in case, the choice is the same every run.
        var byLowercase: [String: String] = [:]
        for name in mediaFiles.sorted() where byLowercase[name.lowercased()] == nil {
            byLowercase[name.lowercased()] = name
        }
        namesByLowercase = byLowercase
    }

    /// The media file `href` refers to, or nil when the article has none that fits.
    public func resolve(_ href: String) -> String? {
        let name = RelativePath.baseName(href.trimmingWhitespace())
        guard !name.isEmpty else { return nil }
        if let found = lookUp(name) { return found }
        let stem = Self.stem(of: name)
        for fileExtension in Self.preferredExtensions + ["gif"] {
            if let found = lookUp(stem + "." + fileExtension) { return found }
        }
        return nil
    }

    private func lookUp(_ name: String) -> String? {
        names.contains(name) ? name : namesByLowercase[name.lowercased()]
    }

    /// `fig1.tif` -> `fig1`; `pone.0046493.g001` stays whole: `g001` is not an image extension.
    private static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), imageExtensions.contains(name[name.index(after: dot)...].lowercased()) else {
            return name
        }
        return String(name[..<dot])
    }
}
