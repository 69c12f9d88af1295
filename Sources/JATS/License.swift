/// A license statement from `<permissions>`.
public struct License: Sendable, Equatable, Codable {
    /// `license/@xlink:href` or `ali:license_ref`, for example `http://creativecommons.org/licenses/by/4.0/`.
    public var url: String?
    /// `license/@license-type`, for example `open-access`.
    public var type: String?
    /// The license text as plain text.
    public var text: String
    /// `copyright-statement`, if present.
    public var copyright: String?

    /// Creates a license.
    public init(url: String? = nil, type: String? = nil, text: String = "", copyright: String? = nil) {
        self.url = url
        self.type = type
        self.text = text
        self.copyright = copyright
    }
}
