/// One child of an element, as a reader of mixed content sees it.
public enum XMLContent {
    /// A child element.
    case element(XMLElement)
    /// A run of character data (text or CDATA), already decoded to UTF-8.
    case text(XMLText)
}
