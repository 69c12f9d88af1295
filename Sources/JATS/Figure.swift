/// Whether an item came from a `<fig>` or a `<table-wrap>`.
public enum FigureKind: String, Sendable, Codable {
    /// A `<fig>`.
    case figure = "fig"
    /// A `<table-wrap>` whose content is (also) an image.
    case table
}

/// One `<fig>` (every one, even without a graphic), or one `<table-wrap>` carrying at least one
/// `<graphic>` (a table published as an image, kept as a sample with its caption).
public struct Figure: Sendable, Equatable, Codable {
    /// `@id`, or nil when the element has none.
    public var id: String?
    /// Figure or table.
    public var kind: FigureKind
    /// `<label>` text, for example `Figure 1`.
    public var label: String
    /// The caption's `<title>`, kept apart from its body.
    public var captionTitle: String
    /// The caption's body paragraphs as plain text.
    public var caption: String
    /// The `xlink:href` of every `<graphic>` of this item, in document order (formula and inline
    /// graphics excluded; graphics of nested figures belong to those figures).
    public var graphics: [String]
    /// For a figure nested in another figure's caption or paragraph: the outer figure's `@id`.
    public var parentID: String?
    /// The figure's own `<permissions>`, when it has any.
    public var license: License?
    /// The body paragraphs whose `<xref ref-type="fig|table">` names this item's id.
    public var citingParagraphs: [CitingParagraph]

    /// Creates a figure.
    public init(
        id: String?, kind: FigureKind, label: String = "", captionTitle: String = "", caption: String = "",
        graphics: [String] = [], parentID: String? = nil, license: License? = nil,
        citingParagraphs: [CitingParagraph] = []
    ) {
        self.id = id
        self.kind = kind
        self.label = label
        self.captionTitle = captionTitle
        self.caption = caption
        self.graphics = graphics
        self.parentID = parentID
        self.license = license
        self.citingParagraphs = citingParagraphs
    }
}

/// A paragraph that cites a figure, in the two forms BIOMEDICA's `image_context` uses.
public struct CitingParagraph: Sendable, Equatable, Codable {
    /// The paragraph as plain text.
    public var text: String
    /// The paragraph's markup, `<xref>` elements kept.
    public var xml: String

    /// Creates a citing paragraph.
    public init(text: String, xml: String) {
        self.text = text
        self.xml = xml
    }
}
