import PMCModel
import Testing

@Suite("PMCID and ArticleVersion")
struct PMCIDTests {
    @Test("accepts the forms found in the wild", arguments: ["PMC3166277", "pmc3166277", "3166277", " PMC3166277\n", "PMC03166277"])
    func acceptsForms(_ text: String) {
        #expect(PMCID(text)?.rawValue == "PMC3166277")
    }

    @Test("refuses what is not a PMCID", arguments: ["", "PMC", "PMCX1", "PMC12a", "12.5", "PMID123", "PMC-1"])
    func refuses(_ text: String) {
        #expect(PMCID(text) == nil)
    }

    @Test func ordersNumerically() {
        let ids = ["PMC100", "PMC99", "PMC1000"].compactMap(PMCID.init)
        #expect(ids.sorted().map(\.rawValue) == ["PMC99", "PMC100", "PMC1000"])
    }

    @Test func articleVersionRoundTrips() throws {
        let version = try #require(ArticleVersion("PMC10009416.2"))
        #expect(version.pmcid.rawValue == "PMC10009416")
        #expect(version.version == 2)
        #expect(version.description == "PMC10009416.2")
        #expect(ArticleVersion("PMC10009416") == nil)
        #expect(ArticleVersion("PMC10009416.0") == nil)
        #expect(ArticleVersion("PMC1.2.3") == nil)
    }
}
