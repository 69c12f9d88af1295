import Foundation

/// Why one efetch request brought no usable answer, and whether another try may help.
struct EFetchTryFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the evidence: the status, an excerpt of the error body.
    var cause: String
    /// True for what a busy or flaky service does (429, 5xx, error pages served with 200, cut or
    /// malformed answers, timeouts); false for a request NCBI refuses as such (400, 404).
    var isRetryable: Bool
    /// The wait the server asked for with `Retry-After`.
    var retryAfter: Duration?

    var description: String { cause }

    /// The start of `body` as one line of text, to quote an error document in a message.
    static func excerpt(_ body: [UInt8]) -> String {
        let text = String(decoding: body.prefix(160), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return body.count > 160 ? line + "…" : line
    }
}
