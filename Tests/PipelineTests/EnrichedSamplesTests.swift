import Catalog
import Entrez
import Foundation
import TestSupport
import Testing

@Suite("PubMed records in the samples", .enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct EnrichedSamplesTests {
    /// A real record of the efetch corpus, given the PMID of a corpus article.
    func record(_ pmid: String, in file: String, as articlePMID: String) throws -> PubMedRecord {
        let url = try SharedCorpus.url("efetch/\(file)")
        var record = try #require(try PubMedParser.parse(Array(try Data(contentsOf: url)), source: file).first { $0.pmid == pmid })
        record.pmid = articlePMID
        return record
    }

    /// The JSON of every written sample, by article.
    func samples(in catalog: Catalog) throws -> [String: [[String: Any]]] {
        var byArticle: [String: [[String: Any]]] = [:]
        try catalog.forEachWrittenSample { json in
            let sample = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            byArticle[sample["article_accession_id"] as? String ?? "", default: []].append(sample)
        }
        return byArticle
    }

    @Test("MeSH, publication types, PubMed's abstract and cited PMIDs join the samples; the JATS abstract stays where PubMed has none")
    func enrichedFields() async throws {
        let fixture = try await SerializeFixture.extracted("pmc-cloud")
        defer { fixture.remove() }
        let jatsAbstracts = Dictionary(uniqueKeysWithValues: try fixture.catalog.storedArticles(after: nil, limit: 100).map {
            ($0.id.pmcid.rawValue, $0.abstract)
        })
        // PMC3460867 has PMID 23029536, PMC1790863 has 17299597 (their metadata says so).
        let indexed = try record("27797938", in: "pubmed4.xml", as: "23029536")
        let withoutAbstract = try record("12091962", in: "pubmed1.xml", as: "17299597")
        try fixture.catalog.storePubMed(EFetchOutcome(records: [indexed, withoutAbstract], misses: [], requests: 1))
        _ = try await fixture.serialize()
        let samples = try samples(in: fixture.catalog)

        let first = try #require(samples["PMC3460867"]?.first)
        #expect(first["article_pubmed_enriched"] as? Bool == true)
        #expect(first["article_mesh_terms"] as? [String] == indexed.meshHeadings.map(\.descriptor.name))
        #expect((first["article_mesh_terms"] as? [String])?.prefix(3) == ["Adenocarcinoma", "Adult", "Aged"])
        #expect(first["article_mesh_major_terms"] as? [String] == ["Adenocarcinoma", "Pancreatic Neoplasms", "Telomerase", "Telomere Shortening"])
        #expect(first["article_publication_types"] as? [String] == indexed.publicationTypes.map(\.name))
        #expect(first["article_abstract"] as? String == indexed.abstract?.text)
        #expect((first["article_abstract"] as? String)?.hasPrefix("OBJECTIVE: Telomere shortening") == true)
        let references = try #require(first["article_reference_ids"] as? [String])
        #expect(Set(indexed.citedPMIDs).isSubset(of: references))
        #expect(references.count == Set(references).count, "each PMID once")
        #expect(first["article_reference_count"] as? Int ?? 0 >= references.count)

        let second = try #require(samples["PMC1790863"]?.first)
        #expect(second["article_mesh_terms"] as? [String] == withoutAbstract.meshHeadings.map(\.descriptor.name))
        #expect(withoutAbstract.abstract == nil)
        #expect(second["article_abstract"] as? String == jatsAbstracts["PMC1790863"] ?? nil)
        #expect(second["article_abstract"] as? String != nil)

        let others = samples.filter { !["PMC3460867", "PMC1790863"].contains($0.key) }.values.joined()
        #expect(!others.isEmpty)
        #expect(others.allSatisfy { $0["article_pubmed_enriched"] as? Bool == false && ($0["article_mesh_terms"] as? [String]) == [] })
    }
}
