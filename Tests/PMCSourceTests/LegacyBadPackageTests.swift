import Foundation
import PMCSource
import TestSupport
import Testing

@Suite("hostile and broken legacy packages", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct LegacyBadPackageTests {
    private func ref(_ package: String) async throws -> (LegacySource, ArticleRef) {
        let source = try LegacySource(folder: SharedCorpus.url("bad/legacy"))
        let refs = try await collect(source.listArticles(ListingFilter()))
        #expect(refs.count == 5)
        return (source, try #require(refs.first { $0.location == package }))
    }

    @Test("members with .. or absolute paths are skipped with warnings and never written")
    func traversal() async throws {
        let (source, ref) = try await ref("traversal.tar.gz")
        let package = try await source.loadArticle(ref)
        #expect(package.mediaFiles == ["1471-2180-11-174-1.jpg"])
        #expect(package.xmlFileName == "PMC1/a.nxml")
        #expect(package.xml.count == 106_173)
        #expect(package.warnings.count == 2)
        #expect(package.warnings.contains { $0.contains("'PMC1/../../../tmp/evil.txt'") && $0.contains("traversal.tar.gz") })
        #expect(package.warnings.contains { $0.contains("'/etc/evil.conf'") })
        #expect(!FileManager.default.fileExists(atPath: "/tmp/evil.txt"))
    }

    @Test("a symlink member is skipped with a warning, never followed")
    func symlink() async throws {
        let (source, ref) = try await ref("symlink.tar.gz")
        let package = try await source.loadArticle(ref)
        #expect(!package.mediaFiles.contains("link.jpg"))
        #expect(package.mediaFiles == ["1471-2180-11-174-1.jpg"])
        #expect(package.warnings.count == 1)
        #expect(package.warnings.first?.contains("'PMC2/link.jpg'") == true)
    }

    @Test("a truncated gzip stream fails the whole package")
    func truncated() async throws {
        let (source, ref) = try await ref("truncated.tar.gz")
        let error = await #expect(throws: SourceError.self) { try await source.loadArticle(ref) }
        #expect(error?.kind == "bad-archive")
        #expect(error?.file.hasSuffix("bad/legacy/truncated.tar.gz") == true)
    }

    @Test("an HTML page saved as .tar.gz is a bad archive naming the file")
    func notGzip() async throws {
        let (source, ref) = try await ref("not-gzip.tar.gz")
        let error = await #expect(throws: SourceError.self) { try await source.loadArticle(ref) }
        #expect(error?.kind == "bad-archive")
        #expect(error?.description.contains("not-gzip.tar.gz") == true)
    }

    @Test("a listed but absent package is a missing file")
    func missing() async throws {
        let (source, ref) = try await ref("missing.tar.gz")
        let error = await #expect(throws: SourceError.self) { try await source.loadArticle(ref) }
        #expect(error == .missingFile(file: try SharedCorpus.url("bad/legacy/missing.tar.gz").standardizedFileURL.path))
    }
}
