/// The checks a 2xx body passes as it arrives: the size limit, the declared length (a connection
/// closed early can end a body as if it were complete), not being an HTML page where a data file
/// (XML, JSON, an archive, an image) was expected, and, where the file is not JSON itself, not being
/// a JSON error document. Free of any HTTP library, to be tested alone.
struct ResponseBodyCheck {
    /// The file, for errors.
    let file: String
    /// The most bytes accepted.
    let limit: Int
    /// The `Content-Length`, when it counts the bytes the body yields: AsyncHTTPClient inflates
    /// a body with a content coding, and the header then counts the compressed bytes.
    let declaredLength: Int?
    /// The bytes of the file held before this body: a resumed download's body is the rest of it.
    let offset: Int
    /// The bytes of this body received so far.
    private(set) var received = 0
    /// True when the file may be a JSON document: false only where its name says it is an image,
    /// XML or an archive.
    let acceptsJSON: Bool
    /// The body's first bytes, to recognise an HTML page or a JSON error.
    private var head: [UInt8] = []

    /// Enough of the start of a body to see past leading whitespace to its first tag.
    private static let headLength = 1024

    /// Checks a response's headers: refuses an HTML content type, a JSON one unless `acceptsJSON`, and
    /// a declared length over `limit`. `offset` bytes of the file are held already when the body is the rest of it.
    init(
        file: String, limit: Int, contentType: String?, contentLength: String?, contentEncoding: String?,
        offset: Int = 0, acceptsJSON: Bool = true
    ) throws(SourceError) {
        self.file = file
        self.limit = limit
        self.offset = offset
        self.acceptsJSON = acceptsJSON
        let isIdentity = (contentEncoding ?? "identity").lowercased() == "identity"
        declaredLength = isIdentity ? contentLength.flatMap(Int.init) : nil
        if let declaredLength, offset + declaredLength > limit {
            throw .tooLarge(file: file, bytes: offset + declaredLength, limit: limit)
        }
        if let contentType, contentType.lowercased().hasPrefix("text/html") {
            throw Self.errorPage(file, kind: "an HTML page", evidence: "content type \(contentType)")
        }
        if !acceptsJSON, let contentType, contentType.lowercased().hasPrefix("application/json") {
            throw Self.errorPage(file, kind: "a JSON document", evidence: "content type \(contentType)")
        }
    }

    /// Counts `bytes`, the next part of the body.
    mutating func receive(_ bytes: some Collection<UInt8>) throws(SourceError) {
        received += bytes.count
        guard offset + received <= limit else { throw .tooLarge(file: file, bytes: offset + received, limit: limit) }
        // Only a body from the file's first byte can be an error page; the rest of one is never looked at.
        if offset == 0, head.count < Self.headLength {
            head += bytes.prefix(Self.headLength - head.count)
        }
    }

    /// Checks the whole body once it has ended. A body short of its declared length is a broken
    /// transfer (`CutShort`), worth another try; an error page is a `SourceError`, final.
    func finish() throws {
        if let declaredLength, received < declaredLength {
            throw CutShort(received: received, declared: declaredLength)
        }
        let start = head.drop(while: { $0 == 0x20 || (0x09...0x0D).contains($0) })
        let opening = String(decoding: start.prefix(15), as: UTF8.self).lowercased()
        let opensHTML = ["<!doctype html", "<html"].contains { tag in
            // The tag's name must end there: `<html-like>` is some other XML.
            opening.hasPrefix(tag) && opening.dropFirst(tag.count).first.map { $0 == ">" || $0.isWhitespace } ?? true
        }
        if opensHTML {
            throw Self.errorPage(file, kind: "an HTML page", evidence: "an HTML document as the body")
        }
        // No image, archive or XML opens with `{"`: an API gateway's or a bucket's error object does.
        if !acceptsJSON, start.starts(with: Array("{".utf8)),
           start.dropFirst().first(where: { !($0 == 0x20 || (0x09...0x0D).contains($0)) }) == UInt8(ascii: "\"") {
            throw Self.errorPage(file, kind: "a JSON document", evidence: "a JSON object as the body")
        }
    }

    /// The error for an error page served with success: a login wall, a proxy's, a CDN's or an
    /// API's error document. Retrying rarely helps, and the page must never be taken for the file.
    private static func errorPage(_ file: String, kind: String, evidence: String) -> SourceError {
        .transfer(file: file, reason: "the server sent \(kind) (\(evidence)) instead of the file")
    }

    /// A body that ended before its declared length.
    struct CutShort: Error, CustomStringConvertible {
        var received: Int
        var declared: Int
        var description: String { "the body ended after \(received) of its \(declared) bytes" }
    }
}
