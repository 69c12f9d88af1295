import Foundation
import PMCSource
import TestSupport
import Testing

/// Sources read through a content cache, on the shared corpus: what comes out equals what the
/// source gives, a fetched cache serves offline, and a bad checksum is caught.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct CachedSourceTests {
    @Test func aFetchedCloudCacheServesTheSameArticlesOffline() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let direct = CloudSource(store: try corpusCloudStore())
        let cached = try CachedSource(wrapping: direct, cache: ContentCache(root: folder))
        let refs = try await collect(direct.listArticles(ListingFilter()))
        let listing = try cached.recordListing(as: "corpus")
        for ref in refs {
            try listing.append(ref)
            let fetch = await cached.fetch(ref)
            #expect(fetch.failures.isEmpty, "\(ref.id): \(fetch.failures)")
        }
        try listing.finish()
        let again = await cached.fetch(refs[0])
        #expect(again.fetched == 0 && again.alreadyCached > 0)

        let offline = try CachedSource(offline: ContentCache(root: folder), sourceKey: "corpus")
        #expect(offline.isOffline && offline.description == direct.description)
        #expect(try await collect(offline.listArticles(ListingFilter())) == refs)
        for ref in refs {
            let expected = try await direct.loadArticle(ref)
            let got = try await offline.loadArticle(ref)
            #expect(got.xml == expected.xml && got.mediaFiles == expected.mediaFiles && got.ref == ref)
            // As serialize asks: a reference rebuilt from the catalog, naming the media it wants
            // with their published checksums, and nothing else the listing read.
            var rebuilt = ArticleRef(
                id: ref.id, licenseCode: ref.licenseCode, pmid: ref.pmid, citation: ref.citation,
                lastModified: ref.lastModified, fingerprint: ref.fingerprint, location: ref.location)
            rebuilt.mediaFiles = expected.mediaFiles
            rebuilt.mediaChecksums = ref.mediaChecksums
            let media = try await offline.loadMedia(rebuilt, files: expected.mediaFiles)
            let directMedia = try await direct.loadMedia(ref, files: expected.mediaFiles)
            for name in expected.mediaFiles {
                #expect(try media[name]?.get() == directMedia[name]?.get(), "\(ref.id) \(name)")
            }
        }
    }

    @Test func aMediaMD5MismatchIsRecordedAndNeverCached() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cached = try CachedSource(wrapping: CloudSource(store: try corpusCloudStore("bad/pmc-cloud")), cache: ContentCache(root: folder))
        let ref = try #require(try await collect(cached.listArticles(ListingFilter())).first { $0.id.description == "PMC9000111.1" })
        let fetch = await cached.fetch(ref)
        #expect(fetch.failures.map(\.kind) == ["checksum-mismatch"])
        #expect(fetch.failures.first?.file.hasSuffix("1471-2180-11-174-1.jpg") == true)
        #expect(fetch.fetched == 4)
        let media = try await cached.loadMedia(ref, files: ["1471-2180-11-174-1.jpg", "1471-2180-11-174-2.jpg"])
        #expect(throws: SourceError.self) { try media["1471-2180-11-174-1.jpg"]?.get() }
        #expect(try media["1471-2180-11-174-2.jpg"]?.get().isEmpty == false)
    }

    @Test func legacyPackagesAreCachedAndReadBack() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let direct = try LegacySource(folder: SharedCorpus.url("legacy"))
        let cached = try CachedSource(wrapping: direct, cache: ContentCache(root: folder))
        let ref = try #require(try await collect(direct.listArticles(ListingFilter())).first)
        let fetch = await cached.fetch(ref)
        #expect(fetch.failures.isEmpty && fetch.fetched == 1)
        let expected = try await direct.loadArticle(ref)
        let got = try await cached.loadArticle(ref)
        #expect(got.xml == expected.xml && got.mediaFiles == expected.mediaFiles && got.ref == ref)
        let media = try await cached.loadMedia(ref, files: expected.mediaFiles)
        let directMedia = try await direct.loadMedia(ref, files: expected.mediaFiles)
        for name in expected.mediaFiles {
            #expect(try media[name]?.get() == directMedia[name]?.get())
        }
        #expect(await cached.fetch(ref).alreadyCached == 1)
    }
}
