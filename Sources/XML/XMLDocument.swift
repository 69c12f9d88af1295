import CLibXML2
import CSafeXMLParser

/// An immutable XML document parsed by libxml2.
///
/// Parsing never touches the network, never loads a DTD and never expands an entity: external
/// entities, XInclude and entity bombs cannot reach the file system or blow up memory. Entity
/// references that are not predefined (`&amp;`) or numeric (`&#233;`) are left out of the text.
/// Encodings declared in the prolog (UTF-8, UTF-16, ISO-8859-1, ...) are decoded by libxml2; all
/// strings handed out are Swift strings.
public final class XMLDocument: @unchecked Sendable {
    // Safe to share: the tree is never mutated after parsing and freed only in `deinit`.
    let pointer: xmlDocPtr

    /// Parses a complete document held in memory.
    /// - Throws: `XMLParseError` when the bytes are not well-formed XML.
    public init(bytes: [UInt8]) throws(XMLParseError) {
        var error = bm_xml_error()
        let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                bm_xml_parse(chars.baseAddress, Int32(clamping: chars.count), &error)
            }
        }
        guard let parsed else {
            let message = withUnsafeBytes(of: &error.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw XMLParseError(
                code: Int(error.code), line: Int(error.line), column: Int(error.column), message: message)
        }
        pointer = parsed
    }

    deinit {
        bm_xml_free(pointer)
    }

    /// The document element, or nil for a document without one.
    public var root: XMLElement? {
        guard let node = xmlDocGetRootElement(pointer) else { return nil }
        return XMLElement(node: node, document: self)
    }
}
