import Foundation
import PMCModel
import PMCSource
import TestSupport
import Testing

@Suite("PMC Cloud layout in a local folder", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct CloudSourceTests {
    @Test("ListObjectsV2 paging lists all 24 article versions once, in key order")
    func listsEveryArticleInKeyOrder() async throws {
        let source = CloudSource(store: try corpusCloudStore(), listingMethod: .objectListing, pageSize: 5)
        let refs = try await collect(source.listArticles(ListingFilter()))
        #expect(refs.count == 24)
        #expect(isInKeyOrder(refs))
        #expect(Set(refs.map(\.id.description)) == (try articleFolderNames(in: SharedCorpus.url("pmc-cloud"))))
        #expect(refs.allSatisfy { $0.listingProblem == nil })
        #expect(refs.allSatisfy { $0.location == "\($0.id)/" })
    }

    @Test("metadata fills license, PMID, citation and the XML checksum as fingerprint")
    func readsMetadataFields() async throws {
        let refs = try await collect(CloudSource(store: try corpusCloudStore(), listingMethod: .objectListing).listArticles(ListingFilter()))
        let byID = Dictionary(uniqueKeysWithValues: refs.map { ($0.id.description, $0) })

        let lysis = try #require(byID["PMC3166277.1"])
        #expect(lysis.licenseCode == "CC BY")
        #expect(lysis.licenseGroup == .commercial)
        #expect(lysis.pmid == "21810267")
        #expect(lysis.citation == "BMC Microbiology. 2011")
        #expect(lysis.fingerprint == "194d4b93905f7c9e0aa3a4b3f902185a")

        let caseReport = try #require(byID["PMC6358576.1"])
        #expect(caseReport.pmid == nil)
        #expect(caseReport.licenseCode == "NO-CC CODE")
        #expect(caseReport.licenseGroup == .other)
        #expect(caseReport.fingerprint == "fc2a1f65f59d125e5a35516dec4c5213")

        #expect(byID["PMC3574550.1"]?.licenseGroup == .noncommercial)
        #expect(byID["PMC6358588.1"]?.licenseCode == "CC BY-NC-ND")
        #expect(byID["PMC2599765.1"]?.licenseCode == "CC0")
        #expect(byID["PMC2599765.1"]?.licenseGroup == .commercial)
    }

    @Test("the S3 inventory report gives the same 24 articles as ListObjectsV2")
    func inventoryMatchesObjectListing() async throws {
        let store = try corpusCloudStore()
        let listed = try await collect(CloudSource(store: store, listingMethod: .objectListing).listArticles(ListingFilter()))
        let inventoried = try await collect(CloudSource(store: store, listingMethod: .inventory).listArticles(ListingFilter()))
        #expect(inventoried.map(\.id) == listed.map(\.id))
        #expect(inventoried.map(\.fingerprint) == listed.map(\.fingerprint))
        #expect(inventoried.map(\.licenseCode) == listed.map(\.licenseCode))
        // Only the inventory carries S3's modification stamps; a folder listing has file times.
        #expect(inventoried.allSatisfy { $0.lastModified == "2026-11-20T01:00:00.000Z" })
        let automatic = try await collect(CloudSource(store: store).listArticles(ListingFilter()))
        #expect(automatic == inventoried)
    }

    @Test("asking for the inventory where there is none fails the listing as unreachable")
    func missingInventoryIsUnreachable() async throws {
        let source = CloudSource(store: try corpusCloudStore("bad/pmc-cloud"), listingMethod: .inventory)
        let error = await #expect(throws: SourceError.self) { try await collect(source.listArticles(ListingFilter())) }
        #expect(error?.kind == "source-unreachable")
        #expect(error?.description.contains("inventory-reports/pmc-oa-opendata/metadata/") == true)
    }

    @Test("loading gives the XML bytes, media names with checksums, DOI and title")
    func loadsArticle() async throws {
        let store = try corpusCloudStore()
        let source = CloudSource(store: store)
        let listed = try #require(try await collect(source.listArticles(ListingFilter())).first { $0.id.description == "PMC3166277.1" })
        #expect(listed.mediaFiles?.count == 8, "the listing keeps what the metadata said, so loading does not read it again")
        // A reference made elsewhere (from a catalog row, say) knows no media: loading reads the metadata.
        var bare = listed
        bare.mediaFiles = nil
        bare.mediaChecksums = [:]
        bare.doi = nil
        bare.title = nil
        for ref in [listed, bare] {
            let package = try await source.loadArticle(ref)
            let expectedXML = try Data(contentsOf: SharedCorpus.url("pmc-cloud/PMC3166277.1/PMC3166277.1.xml"))
            #expect(package.xml == [UInt8](expectedXML))
            #expect(package.xmlFileName == "PMC3166277.1.xml")
            #expect(package.mediaFiles == (1...4).flatMap { ["1471-2180-11-174-\($0).gif", "1471-2180-11-174-\($0).jpg"] })
            #expect(package.mediaChecksums["1471-2180-11-174-1.jpg"] == "861853081215adf530c5cd02c429e69c")
            #expect(package.mediaChecksums.count == 8)
            #expect(package.doi == "10.1186/1471-2180-11-174")
            #expect(package.title == "Factors influencing lysis time stochasticity in bacteriophage \u{03BB}")
            #expect(package.warnings.isEmpty)
        }
    }

    @Test("metadata that is not JSON marks its article and does not stop the listing")
    func badMetadataJSON() async throws {
        let source = CloudSource(store: try corpusCloudStore("bad/pmc-cloud"))
        let refs = try await collect(source.listArticles(ListingFilter()))
        #expect(refs.count == 16)
        let bad = try #require(refs.first { $0.id.description == "PMC9000112.1" })
        guard case .badMetadata(let file, let reason) = bad.listingProblem else {
            Issue.record("expected bad metadata, got \(String(describing: bad.listingProblem))")
            return
        }
        #expect(file.hasSuffix("bad/pmc-cloud/metadata/PMC9000112.1.json"))
        #expect(reason.contains("not valid JSON"))
        #expect(refs.filter { $0.listingProblem != nil }.map(\.id.description) == ["PMC9000112.1"])
        let error = await #expect(throws: SourceError.self) { try await source.loadArticle(bad) }
        #expect(error == bad.listingProblem)
    }

    @Test("a missing XML file fails the load naming the path")
    func missingXML() async throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let metadata = try SharedCorpus.url("pmc-cloud/metadata/PMC3166277.1.json")
        for path in ["metadata/PMC3166277.1.json", "PMC3166277.1/PMC3166277.1.json"] {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: metadata, to: target)
        }
        let source = CloudSource(store: LocalObjectStore(root: folder))
        let ref = try #require(try await collect(source.listArticles(ListingFilter())).first)
        let error = await #expect(throws: SourceError.self) { try await source.loadArticle(ref) }
        #expect(error == .missingFile(file: folder.standardizedFileURL.appendingPathComponent("PMC3166277.1/PMC3166277.1.xml").path))
    }

    @Test("an XML file over the size limit is refused")
    func xmlSizeLimit() async throws {
        let limits = SourceLimits(xmlBytes: 1000, metadataBytes: 1 << 20, archiveBytes: 1 << 30)
        let source = CloudSource(store: try corpusCloudStore(), limits: limits)
        let ref = try #require(try await collect(source.listArticles(ListingFilter())).first { $0.id.description == "PMC3166277.1" })
        let error = await #expect(throws: SourceError.self) { try await source.loadArticle(ref) }
        #expect(error == .tooLarge(file: try SharedCorpus.url("pmc-cloud/PMC3166277.1/PMC3166277.1.xml").standardizedFileURL.path, bytes: 106_173, limit: 1000))
    }
}
