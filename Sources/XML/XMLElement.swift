import CLibXML2
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A read-only view of one element of an `XMLDocument`.
///
/// The view keeps its document alive. Comments, processing instructions and unexpanded entity
/// references are invisible through it.
public struct XMLElement {
    let node: xmlNodePtr
    let document: XMLDocument

    init(node: xmlNodePtr, document: XMLDocument) {
        self.node = node
        self.document = document
    }

    /// The local name, without any namespace prefix (`href` for `xlink:href`-style names).
    public var name: String {
        String(cString: node.pointee.name)
    }

    /// The namespace prefix as written in the document, or nil.
    public var prefix: String? {
        guard let ns = node.pointee.ns, let prefix = ns.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    /// The line in the source document where this element starts.
    public var line: Int {
        Int(xmlGetLineNo(node))
    }

    /// True when the local name equals `localName`; cheaper than comparing `name`.
    public func isNamed(_ localName: String) -> Bool {
        localName.withCString { strcmp(UnsafeRawPointer(node.pointee.name).assumingMemoryBound(to: CChar.self), $0) == 0 }
    }

    /// True when the local name is any of `localNames`.
    public func isNamed(anyOf localNames: [String]) -> Bool {
        localNames.contains(where: isNamed)
    }

    /// The value of the attribute whose local name is `localName`, whatever its namespace prefix
    /// (`attribute("href")` finds `xlink:href`), or nil when absent.
    public func attribute(_ localName: String) -> String? {
        attribute(localName, prefix: nil, matchingPrefix: false)
    }

    /// The value of the attribute `prefix:localName` (prefix nil means no prefix), or nil.
    public func attribute(_ localName: String, prefix: String?) -> String? {
        attribute(localName, prefix: prefix, matchingPrefix: true)
    }

    private func attribute(_ localName: String, prefix: String?, matchingPrefix: Bool) -> String? {
        localName.withCString { wanted in
            var property = node.pointee.properties
            while let current = property {
                defer { property = current.pointee.next }
                guard strcmp(UnsafeRawPointer(current.pointee.name).assumingMemoryBound(to: CChar.self), wanted) == 0 else { continue }
                if matchingPrefix {
                    let actual = current.pointee.ns?.pointee.prefix.map { String(cString: $0) }
                    guard actual == prefix else { continue }
                }
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                        value += String(cString: content)
                    }
                    child = text.pointee.next
                }
                return value
            }
            return nil
        }
    }

    /// The element and text children in document order.
    public var children: [XMLContent] {
        var result: [XMLContent] = []
        forEachChild { result.append($0) }
        return result
    }

    /// Calls `body` with each element and text child in document order, without building an array.
    public func forEachChild(_ body: (XMLContent) throws -> Void) rethrows {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                try body(.element(XMLElement(node: current, document: document)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    try body(.text(XMLText(content: content, document: document)))
                }
            default:
                break
            }
            child = current.pointee.next
        }
    }

    /// The child elements in document order.
    public var childElements: [XMLElement] {
        var result: [XMLElement] = []
        var child = firstChildElement
        while let current = child {
            result.append(current)
            child = current.nextSiblingElement
        }
        return result
    }

    /// The first child element, or nil. With `nextSiblingElement` it walks the children without
    /// building an array or decoding any text.
    public var firstChildElement: XMLElement? {
        elementAtOrAfter(node.pointee.children)
    }

    /// The next sibling element, or nil after the last one.
    public var nextSiblingElement: XMLElement? {
        elementAtOrAfter(node.pointee.next)
    }

    private func elementAtOrAfter(_ start: xmlNodePtr?) -> XMLElement? {
        var candidate = start
        while let current = candidate {
            if current.pointee.type == XML_ELEMENT_NODE {
                return XMLElement(node: current, document: document)
            }
            candidate = current.pointee.next
        }
        return nil
    }

    /// The child elements with local name `localName`.
    public func children(named localName: String) -> [XMLElement] {
        childElements.filter { $0.isNamed(localName) }
    }

    /// The first child element with local name `localName`, or nil.
    public func firstChild(named localName: String) -> XMLElement? {
        var child = firstChildElement
        while let current = child {
            if current.isNamed(localName) { return current }
            child = current.nextSiblingElement
        }
        return nil
    }

    /// The element reached by following child names, as in `front/article-meta/title-group`.
    public func firstChild(path names: [String]) -> XMLElement? {
        var current: XMLElement? = self
        for name in names {
            current = current?.firstChild(named: name)
        }
        return current
    }

    /// The parent element, or nil at the root.
    public var parent: XMLElement? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLElement(node: parent, document: document)
    }

    /// Every descendant element (not this one) in document order.
    public var descendants: [XMLElement] {
        var result: [XMLElement] = []
        visitDescendants { result.append($0); return true }
        return result
    }

    /// Every descendant element with local name `localName`, in document order.
    public func descendants(named localName: String) -> [XMLElement] {
        var result: [XMLElement] = []
        visitDescendants { element in
            if element.isNamed(localName) { result.append(element) }
            return true
        }
        return result
    }

    /// Walks descendant elements depth-first in document order. `visit` returns false to skip the
    /// subtree below the element it was given.
    public func visitDescendants(_ visit: (XMLElement) throws -> Bool) rethrows {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                let element = XMLElement(node: current, document: document)
                if try visit(element) {
                    try element.visitDescendants(visit)
                }
            }
            child = current.pointee.next
        }
    }

    /// The concatenated character data of every descendant text node, as written (no spacing added).
    public var textContent: String {
        var result = ""
        appendText(of: node, to: &result)
        return result
    }

    private func appendText(of parent: xmlNodePtr, to result: inout String) {
        var child = parent.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { result += String(cString: content) }
            case XML_ELEMENT_NODE:
                appendText(of: current, to: &result)
            default:
                break
            }
            child = current.pointee.next
        }
    }

    /// The element serialized as XML markup, itself included, with unexpanded entity references
    /// kept as `&name;`.
    public var markup: String {
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        xmlNodeDump(buffer, document.pointer, node, 0, 0)
        guard let content = xmlBufferContent(buffer) else { return "" }
        return String(cString: content)
    }
}

/// One child of an element, as a reader of mixed content sees it.
public enum XMLContent {
    /// A child element.
    case element(XMLElement)
    /// A run of character data (text or CDATA), already decoded to UTF-8.
    case text(XMLText)
}
