import Foundation
import PMCSource
import TestSupport
import Testing

@Suite("reading media files from both layouts", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct MediaLoadingTests {
    @Test("a missing image fails alone; the others are read byte for byte")
    func missingMediaInTheCloudLayout() async throws {
        let source = CloudSource(store: try corpusCloudStore("bad/pmc-cloud"))
        let ref = try #require(try await collect(source.listArticles(ListingFilter())).first { $0.id.description == "PMC9000105.1" })
        let names = (1...4).map { "1471-2180-11-174-\($0).jpg" }
        let media = try await source.loadMedia(ref, files: names)
        #expect(media.count == 4)
        guard case .failure(let error) = media[names[0]] else {
            Issue.record("the absent first image was read")
            return
        }
        #expect(error == .missingFile(file: try SharedCorpus.url("bad/pmc-cloud").path + "/PMC9000105.1/1471-2180-11-174-1.jpg"))
        for name in names.dropFirst() {
            let expected = try Data(contentsOf: SharedCorpus.url("bad/pmc-cloud/PMC9000105.1/\(name)"))
            let read = try #require(try media[name]?.get())
            #expect(read.count == expected.count && Data(read) == expected, "\(name)")
        }
    }

    @Test("a name that would leave the article's folder is refused")
    func unsafeNameInTheCloudLayout() async throws {
        let source = CloudSource(store: try corpusCloudStore())
        let ref = try #require(try await collect(source.listArticles(ListingFilter())).first)
        let media = try await source.loadMedia(ref, files: ["../metadata/PMC3166277.1.json"])
        #expect(throws: SourceError.self) { try media["../metadata/PMC3166277.1.json"]?.get() }
    }

    @Test("a package's images equal the cloud layout's")
    func legacyMediaEqualsCloudMedia() async throws {
        let cloud = CloudSource(store: try corpusCloudStore())
        let legacy = try LegacySource(folder: SharedCorpus.url("legacy"))
        let cloudRef = try #require(try await collect(cloud.listArticles(ListingFilter())).first { $0.id.description == "PMC3166277.1" })
        let legacyRef = try #require(try await collect(legacy.listArticles(ListingFilter())).first { $0.id.description == "PMC3166277.1" })
        let names = try await cloud.loadArticle(cloudRef).mediaFiles.filter { $0.hasSuffix(".jpg") }
        #expect(names.count == 4)
        let fromCloud = try await cloud.loadMedia(cloudRef, files: names)
        let fromLegacy = try await legacy.loadMedia(legacyRef, files: names)
        for name in names {
            let a = try #require(try fromCloud[name]?.get())
            let b = try #require(try fromLegacy[name]?.get())
            #expect(a.count > 1000 && a == b, "\(name)")
        }
    }

    @Test("links and escaping members are never read as media")
    func hostilePackagesYieldNoLinkedFiles() async throws {
        let source = try LegacySource(folder: SharedCorpus.url("bad/legacy"))
        let refs = try await collect(source.listArticles(ListingFilter()))
        let symlink = try #require(refs.first { $0.location == "symlink.tar.gz" })
        let media = try await source.loadMedia(symlink, files: ["link.jpg", "1471-2180-11-174-1.jpg"])
        #expect(throws: SourceError.self) { try media["link.jpg"]?.get() }
        #expect(try media["1471-2180-11-174-1.jpg"]?.get().isEmpty == false)

        let traversal = try #require(refs.first { $0.location == "traversal.tar.gz" })
        let escaped = try await source.loadMedia(traversal, files: ["evil.txt", "evil.conf"])
        #expect(throws: SourceError.self) { try escaped["evil.txt"]?.get() }
        #expect(throws: SourceError.self) { try escaped["evil.conf"]?.get() }

        let truncated = try #require(refs.first { $0.location == "truncated.tar.gz" })
        await #expect(throws: SourceError.self) { try await source.loadMedia(truncated, files: ["1471-2180-11-174-1.jpg"]) }
    }
}
