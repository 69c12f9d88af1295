import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import PMCModel

/// A file being downloaded over one or more tries: what has arrived stays on disk and in the
/// running MD5, so that a try cut short is followed by one asking only for the rest
/// (`Range: bytes=N-`), where the server allows it and names the file's version (an `ETag` or a
/// `Last-Modified` to send back as `If-Range`: without one, a changed file could be spliced).
actor PartialDownload {
    /// The file, for errors.
    let file: String
    private let path: String
    private let handle: FileHandle
    private var digest = Insecure.MD5()
    /// Bytes on disk from earlier tries and this one.
    private(set) var received = 0
    /// The version of the file the first answer sent: its entity tag, else its date.
    private var validator: String?
    /// The file's whole length, as the first answer declared it.
    private var total: Int?

    /// Creates (or empties) the file at `path`.
    init(path: String, file: String) throws(SourceError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .transfer(file: file, reason: "cannot create the file \(path)")
        }
        self.file = file
        self.path = path
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    /// The request for the next try: the bytes after those already here when the version is
    /// known, else the whole file.
    func request(for url: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        if received > 0, let validator {
            request.headers.add(name: "Range", value: "bytes=\(received)-")
            // Where the file changed since the first try, the server answers with all of it (200).
            request.headers.add(name: "If-Range", value: validator)
        }
        return request
    }

    /// Takes the head of a try's answer, returning the offset its body starts at: `received` when
    /// the server sends exactly the rest of the same file (206), else 0 after emptying the file.
    /// A 416 (the range is past the end: the server's file is not the one begun), or a part other
    /// than the rest, empties it and fails the try.
    func begin(_ response: HTTPClientResponse) throws -> Int {
        let code = response.status.code
        if code == 206 || code == 416 {
            let header = response.headers.first(name: "content-range")
            if code == 206, let range = ContentRange(header), range.first == received, range.isRest,
               total == nil || range.total == total {
                return received
            }
            try restart()
            throw code == 416 ? RangeRefused(asked: received, header: header) : UnexpectedRange(header: header ?? "none")
        }
        try restart()
        validator = response.headers.first(name: "etag") ?? response.headers.first(name: "last-modified")
        let identity = (response.headers.first(name: "content-encoding") ?? "identity").lowercased() == "identity"
        total = identity ? response.headers.first(name: "content-length").flatMap(Int.init) : nil
        return 0
    }

    /// Appends the next part of the body. A file that cannot be written is a local failure, final.
    func write(_ bytes: ByteBuffer) throws(SourceError) {
        do {
            try bytes.withUnsafeReadableBytes { buffer in
                try handle.write(contentsOf: buffer)
                digest.update(bufferPointer: buffer)
            }
        } catch {
            throw .transfer(file: file, reason: "cannot write \(path): \(error.localizedDescription)")
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

    /// The server has no such range: what was begun is not its current file.
    struct RangeRefused: Error, CustomStringConvertible {
        var asked: Int
        var header: String?
        var description: String { "HTTP 416 for the bytes after \(asked) (Content-Range: \(header ?? "none"))" }
    }

    /// A 206 answer for bytes other than the rest of the file.
    struct UnexpectedRange: Error, CustomStringConvertible {
        var header: String
        var description: String { "a part other than the rest of the file (Content-Range: \(header))" }
    }
}

/// A `Content-Range: bytes FIRST-LAST/TOTAL` header.
struct ContentRange: Equatable {
    var first: Int
    var last: Int
    var total: Int

    /// The range `header` gives; nil for another form (`*/TOTAL`, an unknown total) or none.
    init?(_ header: String?) {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let parts = header.dropFirst("bytes ".count).split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, let first = Int(parts[0]), let last = Int(parts[1]), let total = Int(parts[2]),
              first <= last, last < total
        else { return nil }
        (self.first, self.last, self.total) = (first, last, total)
    }

    /// True when the part runs to the file's last byte.
    var isRest: Bool { last + 1 == total }
}
