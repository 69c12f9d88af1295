import AsyncHTTPClient
import Foundation
import NIOCore
import Transport

/// Fetches PubMed records by PMID from E-utilities' `efetch`, politely and defensively.
///
/// Every request goes through one `HTTPTransport`, whose rate limit (NCBI's: 3 requests a second,
/// 10 with an API key) holds for all the work of the process sharing it. NCBI misbehaves in known
/// ways, each handled here:
/// - 429 (with a JSON body) and 5xx: retried after `Retry-After` or a random, growing wait;
/// - an HTML page or a JSON error served with 200, or an answer that is not PubMed XML: retried;
/// - an empty `PubmedArticleSet`, or an answer leaving some PMIDs out: those PMIDs are asked for
///   again, and recorded as having no record once `answersBeforeNoRecord` answers lacked them.
/// Records are matched to the PMIDs asked for by their own PMID, never by position.
public struct EFetchClient: Sendable {
    /// Where requests go and who sends them.
    public let endpoint: EUtilitiesEndpoint
    /// The client, connection pool and rate limiter the requests go through.
    let transport: HTTPTransport
    /// Failed tries per request, the first included, before its PMIDs are given up for this run.
    public var tries: Int
    /// The waits between tries.
    public var waits = RetryWaits()
    /// The most one try may take, answer included.
    public var requestTimeout: Duration

    /// Answers lacking a PMID before it is taken as unknown to PubMed: NCBI drops unknown PMIDs
    /// without a word, but also, rarely, answers a busy moment with an empty set.
    static let answersBeforeNoRecord = 2

    /// A client sending to `endpoint` through `transport`, with its tries and timeout.
    public init(endpoint: EUtilitiesEndpoint, transport: HTTPTransport) {
        self.endpoint = endpoint
        self.transport = transport
        tries = max(1, transport.settings.tries)
        requestTimeout = transport.settings.requestTimeout
    }

    /// The records of `pmids` (digits, each once), in one request and its retries.
    public func fetch(_ pmids: [String]) async -> EFetchOutcome {
        let asked = Set(pmids)
        var found: [String: PubMedRecord] = [:]
        var pending = pmids
        var failedTries = 0
        var answersLacking = 0
        var sent = 0
        var wait = Duration.zero
        var miss = EFetchMiss.Kind.failed
        var cause = "no request sent"
        tries: while !pending.isEmpty && failedTries < tries && answersLacking < Self.answersBeforeNoRecord {
            if sent > 0 { try? await Task.sleep(for: wait) }
            guard !Task.isCancelled else {
                (miss, cause) = (.failed, "cancelled")
                break
            }
            sent += 1
            switch await send(EFetchRequest(pmids: pending, endpoint: endpoint), isRetry: sent > 1) {
            case .success(let records):
                for record in records where asked.contains(record.pmid) && found[record.pmid] == nil {
                    found[record.pmid] = record
                }
                pending.removeAll { found[$0] != nil }
                answersLacking += 1
                miss = .noRecord
                cause = "left out of \(answersLacking) PubMed answers"
                    + (records.isEmpty ? " (the last an empty PubmedArticleSet)" : "")
                wait = waits.backoff(beforeTry: answersLacking)
            case .failure(let failure):
                (miss, cause) = (.failed, failure.cause)
                guard failure.isRetryable else { break tries }
                failedTries += 1
                wait = failure.retryAfter ?? waits.backoff(beforeTry: failedTries)
            }
        }
        if miss == .failed, failedTries >= tries {
            cause += " (\(failedTries) tries)"
        }
        return EFetchOutcome(
            records: pmids.compactMap { found[$0] },
            misses: pending.map { EFetchMiss(pmid: $0, kind: miss, cause: cause) },
            requests: sent)
    }

    /// Sends `request` once, in its turn under the rate limit, and reads its answer.
    private func send(_ request: EFetchRequest, isRetry: Bool) async -> Result<[PubMedRecord], EFetchTryFailure> {
        let host = URL(string: request.url)?.host ?? request.url
        let limit = Self.answerLimit(pmids: request.pmids.count)
        return await transport.withTurn(host: host) { [transport, requestTimeout, waits] in
            do {
                return try await withTimeLimit(requestTimeout) {
                    transport.recordTry(isRetry: isRetry, isResumed: false)
                    // No deadline of the client's own: it would cover the response head only.
                    let response = try await transport.client.execute(request.httpRequest, deadline: .distantFuture)
                    let body = Array(buffer: try await response.body.collect(upTo: limit))
                    return Self.read(response, body: body, pmids: request.pmids.count, waits: waits)
                }
            } catch let error as NIOTooManyBytesError {
                return .failure(EFetchTryFailure(cause: "the answer exceeded \(limit) bytes (\(error))", isRetryable: false))
            } catch {
                return .failure(EFetchTryFailure(cause: String(describing: error), isRetryable: true))
            }
        }
    }

    /// The records of an answer with its `body`, or why it has none; `waits` reads its `Retry-After`.
    static func read(
        _ response: HTTPClientResponse, body: [UInt8], pmids: Int, waits: RetryWaits
    ) -> Result<[PubMedRecord], EFetchTryFailure> {
        let code = Int(response.status.code)
        let excerpt = EFetchTryFailure.excerpt(body)
        guard code == 200 else {
            let retryable = code == 429 || code >= 500
            let retryAfter = waits.retryAfter(response.headers.first(name: "retry-after"))
            return .failure(EFetchTryFailure(cause: "HTTP \(code): \(excerpt)", isRetryable: retryable, retryAfter: retryAfter))
        }
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        if contentType.hasPrefix("text/html") {
            return .failure(EFetchTryFailure(cause: "NCBI sent an HTML page instead of PubMed XML: \(excerpt)", isRetryable: true))
        }
        if contentType.hasPrefix("application/json") {
            return .failure(EFetchTryFailure(cause: "NCBI sent a JSON error instead of PubMed XML: \(excerpt)", isRetryable: true))
        }
        do {
            return .success(try PubMedParser.parse(body, source: "efetch answer for \(pmids) PMIDs"))
        } catch {
            return .failure(EFetchTryFailure(cause: "\(error); the answer began: \(excerpt)", isRetryable: true))
        }
    }

    /// The most bytes read from an answer: PubMed records with long reference lists reach a few
    /// hundred kilobytes, so 1 MB a PMID leaves room while bounding memory.
    static func answerLimit(pmids: Int) -> Int {
        16 << 20 + pmids << 20
    }
}
