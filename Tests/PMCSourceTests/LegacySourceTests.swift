import Foundation
import PMCModel
import PMCSource
import TestSupport
import Testing

@Suite("legacy FTP layout in a local folder", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct LegacySourceTests {
    @Test("the file list gives the same 24 articles, licenses and PMIDs as the cloud layout")
    func listsSameArticlesAsCloud() async throws {
        let legacy = try await collect(LegacySource(folder: SharedCorpus.url("legacy")).listArticles(ListingFilter()))
        let cloud = try await collect(CloudSource(store: try corpusCloudStore()).listArticles(ListingFilter()))
        #expect(legacy.count == 24)
        #expect(Set(legacy.map(\.id)) == Set(cloud.map(\.id)))
        let cloudByID = Dictionary(uniqueKeysWithValues: cloud.map { ($0.id, $0) })
        for ref in legacy {
            #expect(ref.id.version == 1)
            #expect(ref.licenseCode == cloudByID[ref.id]?.licenseCode, "\(ref.id)")
            #expect(ref.pmid == cloudByID[ref.id]?.pmid, "\(ref.id)")
            #expect(ref.citation == cloudByID[ref.id]?.citation, "\(ref.id)")
        }
        let first = try #require(legacy.first)
        #expect(first.id.description == "PMC3166277.1")
        #expect(first.location == "oa_package/9c/44/PMC3166277.tar.gz")
        #expect(first.lastModified == "2026-11-20 01:00:00")
        #expect(first.fingerprint == "2026-11-20 01:00:00 oa_package/9c/44/PMC3166277.tar.gz")
    }

    @Test("every package holds the cloud layout's XML bytes and JPEG names")
    func packagesMatchCloud() async throws {
        let legacySource = try LegacySource(folder: SharedCorpus.url("legacy"))
        let cloudSource = CloudSource(store: try corpusCloudStore())
        let cloudByID = Dictionary(uniqueKeysWithValues: try await collect(cloudSource.listArticles(ListingFilter())).map { ($0.id, $0) })
        for ref in try await collect(legacySource.listArticles(ListingFilter())) {
            let legacy = try await legacySource.loadArticle(ref)
            let cloud = try await cloudSource.loadArticle(try #require(cloudByID[ref.id]))
            #expect(legacy.xml == cloud.xml, "\(ref.id)")
            #expect(legacy.xmlFileName.hasPrefix("\(ref.id.pmcid)/") && legacy.xmlFileName.hasSuffix(".nxml"))
            #expect(legacy.mediaFiles.filter { $0.hasSuffix(".jpg") } == cloud.mediaFiles.filter { $0.hasSuffix(".jpg") }, "\(ref.id)")
            #expect(legacy.warnings.isEmpty)
        }
    }

    @Test("an oa_file_list.txt (timestamp line, tab-separated rows) is read too")
    func textFileList() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = "oa_package/9c/44/PMC3166277.tar.gz"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("oa_package/9c/44"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SharedCorpus.url("legacy/" + package), to: folder.appendingPathComponent(package))
        let list = """
            2023-11-14 22:13:01
            \(package)\tBMC Microbiol. 2011; 11:174\tPMC3166277\tPMID:21810267\tCC BY
            oa_package/08/e0/PMC13900.tar.gz\tBreast Cancer Res. 2001; 3(1):55-60\tPMC13900\tPMID:\tNO-CC CODE

            """
        try list.write(to: folder.appendingPathComponent("oa_file_list.txt"), atomically: true, encoding: .utf8)

        let source = try LegacySource(folder: folder)
        #expect(source.fileListName == "oa_file_list.txt")
        let refs = try await collect(source.listArticles(ListingFilter()))
        #expect(refs.map(\.id.description) == ["PMC3166277.1", "PMC13900.1"])
        #expect(refs.map(\.pmid) == ["21810267", nil])
        #expect(refs.map(\.licenseCode) == ["CC BY", "NO-CC CODE"])
        #expect(refs.map(\.citation) == ["BMC Microbiol. 2011; 11:174", "Breast Cancer Res. 2001; 3(1):55-60"])
        #expect(refs[0].fingerprint == package)
        let loaded = try await source.loadArticle(refs[0])
        #expect(loaded.xml.count == 106_173)
        let error = await #expect(throws: SourceError.self) { try await source.loadArticle(refs[1]) }
        #expect(error?.kind == "missing-file")
        #expect(error?.file.hasSuffix("oa_package/08/e0/PMC13900.tar.gz") == true)
    }

    @Test("quoted CSV citations keep their commas, quotes and line breaks")
    func quotedCSV() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = "File,Article Citation,Accession ID,Last Updated (YYYY-MM-DD HH:MM:SS),PMID,License\r\n"
            + "a/PMC1.tar.gz,\"Nature, 2001; \"\"5\"\"\nsupplement\",PMC1,2020-01-02 03:04:05,123,CC BY-NC\r\n"
            + "a/PMC2.tar.gz,Plain,not-an-id,2020-01-02 03:04:05,,CC BY\r\n"
            + "../../etc/PMC3.tar.gz,Escape,PMC3,2020-01-02 03:04:05,,CC BY"
        try list.write(to: folder.appendingPathComponent("oa_file_list.csv"), atomically: true, encoding: .utf8)
        let refs = try await collect(try LegacySource(folder: folder).listArticles(ListingFilter()))
        #expect(refs.map(\.id.description) == ["PMC1.1", "PMC3.1"])
        #expect(refs[0].citation == "Nature, 2001; \"5\"\nsupplement")
        #expect(refs[0].pmid == "123")
        #expect(refs[0].licenseGroup == .noncommercial)
        guard case .badMetadata(let file, let reason) = refs[1].listingProblem else {
            Issue.record("a package path leaving the mirror must be a listing problem")
            return
        }
        #expect(file.hasSuffix("oa_file_list.csv"))
        #expect(reason.contains("../../etc/PMC3.tar.gz"))
    }

    @Test("a folder without a file list is refused as unreachable")
    func folderWithoutFileList() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SourceError.unreachable(source: folder.path, reason: "no oa_file_list.csv or oa_file_list.txt in the folder")) {
            try LegacySource(folder: folder)
        }
    }
}
