import XML

/// Reads a `<permissions>` element.
enum LicenseReader {
    /// The license stated by `permissions`, or nil when it states neither a license nor a copyright.
    static func license(in permissions: XMLElement) -> License? {
        let licenseElement = permissions.firstChild(named: "license")
        let copyright = permissions.firstChild(named: "copyright-statement")
            .map { TextExtractor.plain.text(of: $0) }
            .flatMap { $0.isEmpty ? nil : $0 }
        let text = licenseElement.map { TextExtractor.plain.text(of: $0, excludingChildrenNamed: "license_ref") } ?? ""
        let url = licenseElement.flatMap(declaredURL) ?? licenseReference(in: permissions)
            ?? licenseElement.flatMap(creativeCommonsLink)
        let type = licenseElement?.attribute("license-type")
        guard url != nil || type != nil || !text.isEmpty || copyright != nil else { return nil }
        return License(url: url, type: type, text: text, copyright: copyright)
    }

    private static func declaredURL(of license: XMLElement) -> String? {
        nonEmpty(license.attribute("href"))
    }

    /// `ali:license_ref`, inside the license or beside it.
    private static func licenseReference(in permissions: XMLElement) -> String? {
        var found: String?
        permissions.visitDescendants { element in
            guard found == nil else { return false }
            if element.isNamed("license_ref") { found = nonEmpty(element.textContent) }
            return true
        }
        return found
    }

    /// Older files name the license only as a link in its text.
    private static func creativeCommonsLink(in license: XMLElement) -> String? {
        var found: String?
        license.visitDescendants { element in
            guard found == nil else { return false }
            if element.isNamed("ext-link") || element.isNamed("uri"),
               let link = nonEmpty(element.attribute("href") ?? element.textContent),
               link.contains("creativecommons.org") {
                found = link
            }
            return true
        }
        return found
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
