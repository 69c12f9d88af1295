import Foundation
import PMCSource
import TestSupport
import Testing

@Suite(
    "PMC layouts over HTTP from a real S3 server on loopback",
    .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote),
    .enabled(if: MotoServer.isAvailable || MotoServer.isRequired, MotoServer.absenceNote))
struct S3SourceTests {
    private static let bucket = "pmc-oa-opendata"

    @Test("the cloud layout in a bucket lists and loads as the local folder does, page by page and by inventory")
    func cloudLayoutOverS3() async throws {
        let server = try await MotoServer(bucket: Self.bucket, uploads: [("mirror/", try SharedCorpus.url("pmc-cloud"))])
        defer { server.stop() }
        let store = S3ObjectStore(endpoint: server.endpoint, bucket: Self.bucket, keyPrefix: "mirror/")

        let page = try await store.listPage(prefix: "metadata/", delimiter: "/", continuationToken: nil, maxKeys: 5)
        #expect(page.objects.count == 5)
        #expect(page.nextContinuationToken != nil)
        #expect(page.objects.first?.key == "metadata/PMC1790863.1.json")
        #expect(page.objects.allSatisfy { $0.etag?.count == 32 && $0.size != nil })

        let localSource = CloudSource(store: try corpusCloudStore(), listingMethod: .objectListing)
        let local = try await collect(localSource.listArticles(ListingFilter()))
        for method in [CloudListingMethod.objectListing, .inventory] {
            let remote = try await collect(CloudSource(store: store, listingMethod: method, pageSize: 5, concurrency: 4).listArticles(ListingFilter()))
            #expect(remote.map(\.id) == local.map(\.id), "\(method)")
            #expect(remote.map(\.fingerprint) == local.map(\.fingerprint), "\(method)")
            #expect(remote.map(\.licenseCode) == local.map(\.licenseCode), "\(method)")
            #expect(remote.map(\.pmid) == local.map(\.pmid), "\(method)")
            #expect(remote.allSatisfy { $0.listingProblem == nil }, "\(method)")
        }

        let resolved = try await SourceResolver.resolve("s3://\(Self.bucket)/mirror", endpoint: server.endpoint)
        let refs = try await collect(resolved.listArticles(ListingFilter()))
        #expect(refs.count == 24)
        for ref in refs.prefix(3) {
            let remote = try await resolved.loadArticle(ref)
            let expected = try await localSource.loadArticle(ref)
            #expect(remote.xml == expected.xml, "\(ref.id)")
            #expect(remote.mediaFiles == expected.mediaFiles, "\(ref.id)")
            #expect(remote.mediaChecksums == expected.mediaChecksums, "\(ref.id)")
        }

        let missing = await #expect(throws: SourceError.self) { try await store.get("PMC1.1/PMC1.1.xml", limit: 1000) }
        #expect(missing == .missingFile(file: "\(server.endpoint)/\(Self.bucket)/mirror/PMC1.1/PMC1.1.xml"))
        let absentBucket = await #expect(throws: SourceError.self) {
            try await SourceResolver.resolve("s3://no-such-bucket", endpoint: server.endpoint)
        }
        #expect(absentBucket?.kind == "source-unreachable")
    }

    @Test("a legacy mirror over HTTP downloads each package to a temporary file and deletes it")
    func legacyMirrorOverHTTP() async throws {
        let server = try await MotoServer(bucket: Self.bucket, uploads: [
            ("legacy/", try SharedCorpus.url("legacy")), ("bad-legacy/", try SharedCorpus.url("bad/legacy")),
        ])
        defer { server.stop() }
        let temporaryFiles = { () -> Set<String> in
            Set((try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? [])
                .filter { $0.hasPrefix("biomedica-download-") }
        }
        let before = temporaryFiles()

        let source = try await SourceResolver.resolve("\(server.endpoint)/\(Self.bucket)/legacy")
        let refs = try await collect(source.listArticles(ListingFilter()))
        let local = try await collect(LegacySource(folder: SharedCorpus.url("legacy")).listArticles(ListingFilter()))
        #expect(refs == local)
        let remote = try await source.loadArticle(refs[0])
        let expected = try await LegacySource(folder: SharedCorpus.url("legacy")).loadArticle(local[0])
        #expect(remote.xml == expected.xml)
        #expect(remote.mediaFiles == expected.mediaFiles)

        let bad = try await SourceResolver.resolve("\(server.endpoint)/\(Self.bucket)/bad-legacy/")
        let badRefs = try await collect(bad.listArticles(ListingFilter()))
        // This package is an HTML error page: over HTTP the fetcher refuses it before it is read as an archive.
        let notGzip = try #require(badRefs.first { $0.location == "not-gzip.tar.gz" })
        let pageError = await #expect(throws: SourceError.self) { try await bad.loadArticle(notGzip) }
        #expect(pageError?.kind == "transfer")
        #expect(pageError?.description.contains("the server sent an HTML page") == true)
        #expect(pageError?.file == "\(server.endpoint)/\(Self.bucket)/bad-legacy/not-gzip.tar.gz")
        let absent = try #require(badRefs.first { $0.location == "missing.tar.gz" })
        let missingError = await #expect(throws: SourceError.self) { try await bad.loadArticle(absent) }
        #expect(missingError == .missingFile(file: "\(server.endpoint)/\(Self.bucket)/bad-legacy/missing.tar.gz"))

        #expect(temporaryFiles() == before)
    }
}
