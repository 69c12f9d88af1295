import Foundation
import PMCSource
import TestSupport
import Testing

@Suite("turning --source into a source")
struct SourceResolverTests {
    @Test("pmc is the public bucket, virtual-hosted over HTTPS")
    func pmcBucket() async throws {
        let source = try #require(try await SourceResolver.resolve("pmc", probe: false) as? CloudSource)
        let store = try #require(source.store as? S3ObjectStore)
        #expect(store.bucketURL == "https://pmc-oa-opendata.s3.amazonaws.com")
        #expect(store.location(of: "PMC1.1/PMC1.1.xml") == "https://pmc-oa-opendata.s3.amazonaws.com/PMC1.1/PMC1.1.xml")
        #expect(source.inventoryBucket == "pmc-oa-opendata")
    }

    @Test("s3://BUCKET/PREFIX with an endpoint is path-style at that endpoint")
    func bucketAtEndpoint() async throws {
        let source = try #require(
            try await SourceResolver.resolve("s3://mirror-bucket/pmc/oa", endpoint: "http://127.0.0.1:9000", probe: false) as? CloudSource)
        let store = try #require(source.store as? S3ObjectStore)
        #expect(store.bucketURL == "http://127.0.0.1:9000/mirror-bucket")
        #expect(store.keyPrefix == "pmc/oa/")
        #expect(store.location(of: "metadata/PMC1.1.json") == "http://127.0.0.1:9000/mirror-bucket/pmc/oa/metadata/PMC1.1.json")
        #expect(source.inventoryBucket == "mirror-bucket")
    }

    @Test("an http URL is a legacy mirror unless --layout cloud")
    func webSources() async throws {
        #expect(try await SourceResolver.resolve("http://127.0.0.1:9/pub/pmc", probe: false) is LegacySource)
        let cloud = try #require(try await SourceResolver.resolve("http://127.0.0.1:9/bucket", layout: .cloud, probe: false) as? CloudSource)
        #expect(cloud.inventoryBucket == "bucket")
    }

    @Test("a folder is legacy when it holds a file list, else cloud; --layout overrides", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
    func folders() async throws {
        #expect(try await SourceResolver.resolve(SharedCorpus.url("legacy").path) is LegacySource)
        #expect(try await SourceResolver.resolve(SharedCorpus.url("pmc-cloud").path) is CloudSource)
        #expect(try await SourceResolver.resolve(SharedCorpus.url("legacy").path, layout: .cloud) is CloudSource)
    }

    @Test("a missing folder is unreachable, naming it")
    func missingFolder() async {
        let error = await #expect(throws: SourceError.self) { try await SourceResolver.resolve("/nonexistent/biomedica-corpus") }
        #expect(error == .unreachable(source: "/nonexistent/biomedica-corpus", reason: "no such folder"))
    }

    @Test("a URL nothing answers at is unreachable")
    func deadURL() async {
        // Port 1 on loopback: refused at once, and nothing leaves the machine.
        let error = await #expect(throws: SourceError.self) { try await SourceResolver.resolve("http://127.0.0.1:1/mirror/") }
        #expect(error?.kind == "source-unreachable")
        #expect(error?.file == "http://127.0.0.1:1/mirror/")
    }

    @Test("--endpoint without an s3:// source and a bucket with --layout legacy are refused")
    func contradictoryOptions() async {
        let endpoint = await #expect(throws: SourceError.self) { try await SourceResolver.resolve("/tmp", endpoint: "http://127.0.0.1:9000") }
        #expect(endpoint?.kind == "source-unreachable")
        let layout = await #expect(throws: SourceError.self) { try await SourceResolver.resolve("s3://b", layout: .legacy, probe: false) }
        #expect(layout?.kind == "source-unreachable")
    }
}
