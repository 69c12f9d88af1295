import CLibXML2
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A run of character data, read in place: text extraction walks millions of these, and reading
/// the bytes where libxml2 keeps them saves a string allocation for each.
public struct XMLText {
    let content: UnsafePointer<xmlChar>
    let document: XMLDocument

    /// The text as a Swift string.
    public var string: String {
        String(cString: content)
    }

    /// Calls `body` with the text's UTF-8 bytes, valid only during the call.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(document) {
            try body(UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
        }
    }
}
