import Foundation
import PMCModel
import PMCSource
import TestSupport
import Testing

@Suite("A listing filtered on its keys", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct ListingFilterTests {
    @Test("a shard reads the metadata of its own articles only, and lists what filtering the whole listing gives",
          arguments: [CloudListingMethod.objectListing, .inventory])
    func shardReadsOnlyItsOwnMetadata(method: CloudListingMethod) async throws {
        let whole = try await collect(CloudSource(store: try corpusCloudStore(), listingMethod: method).listArticles(ListingFilter()))
        for index in 0..<3 {
            let shard = try ShardSpec(index: index, count: 3)
            let store = CountingStore(try corpusCloudStore())
            let refs = try await collect(CloudSource(store: store, listingMethod: method).listArticles(ListingFilter(shard: shard)))
            #expect(refs == whole.filter { shard.contains($0.id.pmcid) })
            let metadataReads = store.reads.filter { $0.hasPrefix("metadata/") }
            #expect(metadataReads.sorted() == refs.map { "metadata/\($0.id).json" }.sorted())
        }
    }

    @Test("PMCIDs narrow the listing before any read, in the legacy list and the cloud layout alike, which lists their keys alone")
    func pmcidsNarrowEverySource() async throws {
        let wanted: Set<PMCID> = [try #require(PMCID("PMC3166277")), try #require(PMCID("PMC2599765"))]
        let filter = ListingFilter(pmcids: wanted)
        let store = CountingStore(try corpusCloudStore())
        let cloud = try await collect(CloudSource(store: store, listingMethod: .objectListing, pageSize: 5).listArticles(filter))
        let legacy = try await collect(LegacySource(folder: SharedCorpus.url("legacy")).listArticles(filter))
        #expect(Set(cloud.map(\.id.pmcid)) == wanted)
        #expect(Set(legacy.map(\.id.pmcid)) == wanted)
        #expect(store.reads.count == 2)
        #expect(store.listings == ["metadata/PMC2599765.", "metadata/PMC3166277."])
    }

    @Test("--since lists older versions unread and reads those changed on or after the day")
    func modifiedSinceSkipsOlderReads() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("pmc-cloud")
        try FileManager.default.copyItem(at: try SharedCorpus.url("pmc-cloud"), to: copy)
        let metadata = copy.appendingPathComponent("metadata")
        let names = try FileManager.default.contentsOfDirectory(atPath: metadata.path).sorted()
        let old = try #require(ISO8601DateFormatter().date(from: "2026-01-10T12:00:00Z"))
        let new = try #require(ISO8601DateFormatter().date(from: "2026-03-01T00:30:00Z"))
        let recent = Set(names.prefix(3))
        for name in names {
            try FileManager.default.setAttributes(
                [.modificationDate: recent.contains(name) ? new : old], ofItemAtPath: metadata.appendingPathComponent(name).path)
        }
        let store = CountingStore(LocalObjectStore(root: copy))
        let since = ListingFilter(modifiedSince: CalendarDate("2026-03-01"))
        var read: [String] = []
        var unread = 0
        for try await entry in CloudSource(store: store, listingMethod: .objectListing).listArticles(since) {
            switch entry {
            case .article(let ref): read.append("\(ref.id).json")
            case .unmodified: unread += 1
            }
        }
        #expect(Set(read) == recent)
        #expect(unread == names.count - recent.count)
        #expect(Set(store.reads) == Set(recent.map { "metadata/\($0)" }))
    }

    @Test("the legacy list's Last Updated column decides --since, on the calendar day")
    func legacyDatesUnderSince() async throws {
        let legacy = try LegacySource(folder: SharedCorpus.url("legacy"))
        let all = try await collect(legacy.listArticles(ListingFilter()))
        // Every row of the corpus list was last updated 2026-11-20 01:00:00.
        #expect(all.allSatisfy { $0.lastModified == "2026-11-20 01:00:00" })
        let sameDay = try await collect(legacy.listArticles(ListingFilter(modifiedSince: CalendarDate("2026-11-20"))))
        #expect(sameDay == all)
        var unmodified = 0
        for try await entry in legacy.listArticles(ListingFilter(modifiedSince: CalendarDate("2026-11-21"))) {
            if case .unmodified = entry { unmodified += 1 }
        }
        #expect(unmodified == all.count)
    }

    @Test("calendar dates parse the stamps sources write, and nothing else")
    func calendarDates() throws {
        let day = try #require(CalendarDate("2026-03-01"))
        #expect(CalendarDate(leadingDateOf: "2026-03-01T12:00:00.000Z") == day)
        #expect(CalendarDate(leadingDateOf: "2026-03-01T12:00:00Z") == day)
        #expect(CalendarDate(leadingDateOf: "2026-03-01 12:00:00") == day)
        #expect(CalendarDate(leadingDateOf: "2026-02-28 23:59:59")! < day)
        #expect(CalendarDate("2026-3-1") == nil)
        #expect(CalendarDate("2026-02-29") == nil)
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2026-03-01T00:00:00Z") == nil, "--since takes a day, not a time")
        #expect(CalendarDate(leadingDateOf: "Sun, 01 Mar 2026 12:00:00 GMT") == nil)
        #expect(day.description == "2026-03-01")
    }
}
