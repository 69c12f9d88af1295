import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import PMCModel

/// A file being downloaded over one or more tries: what has arrived stays on disk and in the
/// running MD5, so that a try cut short is followed by one asking only for the rest
/// (`Range: bytes=N-`), where the server allows it.
actor PartialDownload {
    /// The file, for errors.
    let file: String
    private let handle: FileHandle
    private var digest = Insecure.MD5()
    /// Bytes on disk from earlier tries and this one.
    private(set) var received = 0
    /// The entity tag of the first answer: a resumed try asks for the rest of that version only.
    private var entityTag: String?

    /// Creates (or empties) the file at `path`.
    init(path: String, file: String) throws(SourceError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .transfer(file: file, reason: "cannot create the file \(path)")
        }
        self.file = file
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    /// The request for the next try: the whole file, or the bytes after those already here.
    func request(for url: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        if received > 0 {
            request.headers.add(name: "Range", value: "bytes=\(received)-")
            // Where the file changed since the first try, the server answers with all of it (200).
            if let entityTag { request.headers.add(name: "If-Range", value: entityTag) }
        }
        return request
    }

    /// Takes the head of a try's answer, returning the offset its body starts at: `received` when the
    /// server sends the rest (206 from exactly there), else 0 after emptying the file. A 416 (the
    /// range is past the end: the server's file is not the one begun) empties it and fails the try.
    func begin(_ response: HTTPClientResponse) throws -> Int {
        if response.status.code == 206, Self.rangeStart(response.headers.first(name: "content-range")) == received {
            return received
        }
        try restart()
        if response.status.code == 416 { throw RangeNotSatisfiable() }
        if response.status.code == 206 { throw UnexpectedRange(header: response.headers.first(name: "content-range") ?? "none") }
        entityTag = response.headers.first(name: "etag")
        return 0
    }

    /// Appends the next part of the body.
    func write(_ bytes: ByteBuffer) throws {
        try bytes.withUnsafeReadableBytes { buffer in
            digest.update(bufferPointer: buffer)
            try handle.write(contentsOf: buffer)
        }
        received += bytes.readableBytes
    }

    /// The size and MD5 of the whole file, once its last try has ended well.
    func finish() -> DownloadedFile {
        DownloadedFile(bytes: received, md5: digest.finalize().lowercaseHex)
    }

    /// Empties the file to start again from its first byte.
    private func restart() throws {
        try handle.truncate(atOffset: 0)
        digest = Insecure.MD5()
        received = 0
    }

    /// The first byte a `Content-Range: bytes FIRST-LAST/TOTAL` header covers.
    static func rangeStart(_ header: String?) -> Int? {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        return Int(header.dropFirst("bytes ".count).prefix { $0 != "-" })
    }

    /// The server has no such range: what was begun is not its current file.
    struct RangeNotSatisfiable: Error, CustomStringConvertible {
        var description: String { "HTTP 416: the rest of the file is not there" }
    }

    /// A 206 answer for bytes other than those asked for.
    struct UnexpectedRange: Error, CustomStringConvertible {
        var header: String
        var description: String { "a part starting elsewhere than asked (Content-Range: \(header))" }
    }
}
