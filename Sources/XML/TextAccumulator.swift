/// Collects plain text from text nodes and element boundaries, folding every run of whitespace,
/// and every boundary, into one separator that is written only when more text follows.
///
/// Folding happens once, as text arrives, so the result is trimmed and never holds two separators
/// in a row; text is written exactly as given otherwise (`10<sup>6</sup>` reads `106`).
public struct TextAccumulator {
    /// What the next text is separated by, weakest first; a stronger request wins over a weaker one.
    public enum Separator: Int, Comparable, Sendable {
        /// Nothing: inline markup.
        case none
        /// A space, unless the next character closes (`.,;:)]}`) or the last one opens (`([{`):
        /// the boundary between the fields of a structured citation.
        case soft
        /// A space.
        case space
        /// A line break.
        case line

        public static func < (lhs: Separator, rhs: Separator) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private var utf8: [UInt8] = []
    private var pending: Separator = .none
    private var pendingIsFixed = false

    /// An empty accumulator.
    public init() {}

    /// Asks for at least `separator` between the text so far and the next text.
    public mutating func separate(_ separator: Separator) {
        if separator > pending, !pendingIsFixed { pending = separator }
    }

    /// Puts exactly `separator` before the next text, whatever boundaries come first: a heading
    /// run into its first paragraph (`Background: text`).
    public mutating func separateOnly(_ separator: Separator) {
        pending = separator
        pendingIsFixed = true
    }

    /// Appends character data read in place from the document.
    public mutating func append(_ text: XMLText) {
        text.withUTF8 { append(utf8: $0) }
    }

    /// Appends character data; whitespace inside it counts as a `.space` request.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append(utf8: $0) }
    }

    private mutating func append(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            if Self.isWhitespace(byte) {
                separate(.space)
                continue
            }
            if pending != .none { writeSeparator(before: byte) }
            utf8.append(byte)
        }
    }

    /// Everything appended so far.
    public var text: String {
        String(decoding: utf8, as: UTF8.self)
    }

    private mutating func writeSeparator(before byte: UInt8) {
        defer {
            pending = .none
            pendingIsFixed = false
        }
        guard let last = utf8.last else { return }
        switch pending {
        case .none:
            return
        case .soft:
            guard !Self.closesPhrase(byte), !Self.opensPhrase(last) else { return }
            utf8.append(UInt8(ascii: " "))
        case .space:
            utf8.append(UInt8(ascii: " "))
        case .line:
            utf8.append(UInt8(ascii: "\n"))
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private static func closesPhrase(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
             UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    private static func opensPhrase(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "-")
    }
}
