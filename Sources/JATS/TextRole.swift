import XML

/// How an element takes part in plain text: the JATS (and MathML) vocabulary sorted by layout.
enum TextRole {
    /// Formatting inside a run of text (`italic`, `sup`, `xref`, MathML tokens): adds no space.
    case inline
    /// An element with no layout meaning of its own; inline, except inside a structured citation
    /// where it is a field (`surname`, `year`) separated from its neighbours.
    case field
    /// A block (`p`, `title`, `td`, `list-item`...): separated from its neighbours.
    case block
    /// A citation (`mixed-citation`, `element-citation`...): a block whose fields are separated.
    case citation
    /// A displayed formula or chemical structure: a block, left out of body text.
    case displayFormula
    /// Several representations of one thing (MathML, TeX, an image): only one is read.
    case alternatives
    /// Figures and tables: items of their own whose text is read apart; a block boundary here.
    case float
    /// Never text: images, alt text, identifiers, MathML annotations (a second copy of the formula).
    case omitted

    /// The role of `element`, from its local name.
    init(of element: XMLElement) {
        self = Self.byName[element.name] ?? .field
    }

    private static let byName: [String: TextRole] = {
        var roles: [String: TextRole] = [:]
        for name in [
            "italic", "bold", "sup", "sub", "sc", "monospace", "underline", "overline", "strike", "roman",
            "sans-serif", "styled-content", "named-content", "xref", "ext-link", "uri", "email", "abbrev",
            "inline-formula", "math", "tex-math", "hi", "ruby", "private-char", "glyph-data",
        ] {
            roles[name] = .inline
        }
        for name in [
            "p", "title", "subtitle", "sec", "list", "list-item", "def-list", "def-item", "term", "def",
            "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "label", "disp-quote",
            "boxed-text", "table-wrap-foot", "fn", "fn-group", "ref", "ref-list", "abstract", "trans-abstract",
            "ack", "app", "app-group", "statement", "speech", "speaker", "verse-group", "verse-line", "attrib",
            "address", "supplementary-material", "glossary", "notes", "break", "kwd", "subject", "question",
            "answer", "preformat", "code", "body", "back", "sub-article", "license-p",
        ] {
            roles[name] = .block
        }
        for name in ["mixed-citation", "element-citation", "citation", "nlm-citation"] {
            roles[name] = .citation
        }
        for name in ["disp-formula", "disp-formula-group", "chem-struct-wrap"] {
            roles[name] = .displayFormula
        }
        roles["alternatives"] = .alternatives
        for name in ["fig", "fig-group", "table-wrap", "table-wrap-group"] {
            roles[name] = .float
        }
        for name in [
            "graphic", "inline-graphic", "media", "alt-text", "long-desc", "object-id", "annotation", "annotation-xml",
        ] {
            roles[name] = .omitted
        }
        return roles
    }()
}
