import Entrez
import Foundation
import TestSupport
import Testing

/// The efetch client against the E-utilities stand-in on loopback, which serves the real answers of
/// `../shared/corpus/efetch`, drops unknown PMIDs as NCBI does, fails chosen requests as NCBI does,
/// and refuses (and counts) every request beyond NCBI's rate.
@Suite("efetch client against the E-utilities stand-in", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct EFetchClientTests {
    let known = EUtilitiesStandIn.knownPMIDs

    @Test("records are matched to PMIDs by their own PMID, not by position; an unknown PMID is asked again once, then has no record")
    func matchedByPMID() async throws {
        let standIn = try await EUtilitiesStandIn(["--shuffle"])
        let asked = ["30108519", "1", "9997", "27797938", "12091962"]
        let outcome = await standIn.client.fetch(asked)
        let requests = try await standIn.requests()
        await standIn.stop()

        #expect(outcome.records.map(\.pmid) == ["30108519", "9997", "27797938", "12091962"])
        #expect(outcome.records.first { $0.pmid == "27797938" }?.citedPMIDs.count == 48)
        #expect(outcome.misses == [EFetchMiss(pmid: "1", kind: .noRecord, cause: "left out of 2 PubMed answers (the last an empty PubmedArticleSet)")])
        #expect(requests.map(\.ids) == [asked, ["1"]])
        #expect(requests[0].returned != ["30108519", "9997", "27797938", "12091962"], "the stand-in did not shuffle")
        #expect(requests.allSatisfy { $0.tool == "biomedica-tests" && $0.email == "tests@example.org" && $0.api_key == nil })
        #expect(outcome.requests == 2)
    }

    @Test("429 with a JSON body, 500, 502, 503, an HTML page, a JSON error and JSON served as XML are each tried again")
    func failureModes() async throws {
        let faults = ["429", "500", "502", "503", "html", "json", "jsonxml"]
        let standIn = try await EUtilitiesStandIn(["--fault", faults.joined(separator: ",")], tries: faults.count + 1)
        let outcome = await standIn.client.fetch(known)
        let requests = try await standIn.requests()
        let statistics = try await standIn.statistics()
        await standIn.stop()

        #expect(outcome.records.map(\.pmid) == known)
        #expect(outcome.misses.isEmpty)
        #expect(requests.map(\.fault) == faults + ["ok"])
        #expect(statistics.violations == 0)
    }

    @Test("out of tries, every PMID of the request is recorded as failed, with the last cause")
    func outOfTries() async throws {
        let standIn = try await EUtilitiesStandIn(["--fault", "500,503,json"], tries: 3)
        let outcome = await standIn.client.fetch(["9997", "11748933"])
        await standIn.stop()

        #expect(outcome.records.isEmpty)
        #expect(outcome.misses.map(\.pmid) == ["9997", "11748933"])
        #expect(outcome.misses.allSatisfy { $0.kind == .failed })
        let cause = try #require(outcome.misses.first?.cause)
        #expect(cause.hasPrefix("NCBI sent a JSON error instead of PubMed XML: {\"ERROR\":\"Unable to obtain query #1\"}"), "\(cause)")
        #expect(cause.hasSuffix("(3 tries)"))
        #expect(outcome.requests == 3)
    }

    @Test("an empty PubmedArticleSet is asked again; a second empty answer means no record")
    func emptyAnswers() async throws {
        let once = try await EUtilitiesStandIn(["--fault", "empty"])
        let recovered = await once.client.fetch(["9997", "11700088"])
        await once.stop()
        #expect(recovered.records.map(\.pmid) == ["9997", "11700088"])
        #expect(recovered.requests == 2)

        let twice = try await EUtilitiesStandIn(["--fault", "empty,empty"])
        let missed = await twice.client.fetch(["9997"])
        await twice.stop()
        #expect(missed.records.isEmpty)
        #expect(missed.misses.map(\.kind) == [.noRecord])
    }

    @Test("an answer leaving records out is completed by asking for exactly the missing PMIDs")
    func partialAnswer() async throws {
        let standIn = try await EUtilitiesStandIn(["--fault", "partial"])
        let outcome = await standIn.client.fetch(["29768149", "9997", "11748933"])
        let requests = try await standIn.requests()
        await standIn.stop()

        #expect(outcome.records.map(\.pmid) == ["29768149", "9997", "11748933"])
        #expect(requests.map(\.ids) == [["29768149", "9997", "11748933"], ["29768149"]])
    }

    @Test("a request NCBI refuses as such (400) is not tried again")
    func badRequest() async throws {
        let standIn = try await EUtilitiesStandIn(email: "")
        let outcome = await standIn.client.fetch(["9997"])
        await standIn.stop()

        #expect(outcome.requests == 1)
        #expect(outcome.misses.map(\.kind) == [.failed])
        #expect(outcome.misses.first?.cause.hasPrefix("HTTP 400") == true)
    }

    @Test("above 200 PMIDs the request is a POST, answered with the same records")
    func post() async throws {
        let standIn = try await EUtilitiesStandIn()
        let unknown = (1...200).map(String.init)
        let outcome = await standIn.client.fetch(known + unknown)
        let requests = try await standIn.requests()
        await standIn.stop()

        #expect(outcome.records.map(\.pmid) == known)
        #expect(outcome.misses.count == 200)
        // The unknown 200 are asked again: few enough for a GET.
        #expect(requests.map(\.method) == ["POST", "GET"])
        #expect(requests.map(\.ids.count) == [209, 200])
    }

    @Test("concurrent requests stay within 3 a second without a key, and 10 with one", arguments: [nil, "test-key"])
    func rate(apiKey: String?) async throws {
        let standIn = try await EUtilitiesStandIn(apiKey: apiKey)
        let limit = apiKey == nil ? 3 : 10
        #expect(standIn.client.endpoint.allowedRequestsPerSecond == Double(limit))
        let count = 3 * limit + 1
        let started = ContinuousClock.now
        let outcomes = await withTaskGroup(of: EFetchOutcome.self) { group in
            for index in 0..<count {
                group.addTask { [client = standIn.client, known] in await client.fetch([known[index % known.count]]) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = ContinuousClock.now - started
        let statistics = try await standIn.statistics()
        let requests = try await standIn.requests()
        await standIn.stop()

        // The arrival times the stand-in took: any `limit + 1` in a row must span a second.
        let times = requests.map(\.time)
        let tightest = zip(times, times.dropFirst(limit)).map { $1 - $0 }.min() ?? 0
        #expect(statistics.violations == 0, "the tightest \(limit + 1) requests in a row arrived within \(tightest) s")
        #expect(statistics.max_per_second <= limit)
        #expect(statistics.requests == count)
        #expect(outcomes.allSatisfy { $0.records.count == 1 })
        #expect(requests.allSatisfy { $0.api_key == apiKey })
        // `count` requests spaced at 80% of the limit span 3.75 s.
        #expect(elapsed >= .milliseconds(3700))
    }
}
