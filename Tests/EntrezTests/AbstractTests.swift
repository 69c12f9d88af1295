import Entrez
import Testing
import TestSupport

/// Abstracts, titles and journals: structure, labels and inline markup read as text.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct AbstractTests {
    @Test func structuredSectionsKeepLabelsAndCategoriesInOrder() throws {
        let abstract = try #require(try CorpusRecords.record("28775130", in: "pubmed5.xml").abstract)
        #expect(abstract.sections.map(\.label) == ["OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(abstract.sections.map(\.category) == ["OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(abstract.sections[3].text == """
            Our results suggest that long-term exposure to aldrin, pendimethalin and methyl bromide may alter \
            thyroid function among male pesticide applicators.
            """)
        #expect(abstract.sections[1].text.contains("compared with normal TSH (0.4-<4.5 mIU/L) and"))
        #expect(abstract.copyright?.hasPrefix("© Article author(s)") == true)
    }

    @Test func plainTextIsOneLabelledSectionPerLineWithoutCopyright() throws {
        let abstract = try #require(try CorpusRecords.record("27797938", in: "pubmed4.xml").abstract)
        let lines = abstract.text.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("OBJECTIVE: Telomere shortening occurs as an early event") == true)
        #expect(lines.last == """
            CONCLUSIONS: Prediagnostic leucocyte telomere length and genetic variants at the TERT gene region \
            were associated with risk of pancreatic cancer.
            """)
        #expect(!abstract.text.contains("BMJ"))
        #expect(abstract.copyright?.hasPrefix("Published by the BMJ Publishing Group Limited.") == true)
    }

    @Test func sectionsWithoutLabelsHaveNoCategory() throws {
        let abstract = try #require(try CorpusRecords.record("9997", in: "pubmed1.xml").abstract)
        #expect(abstract.sections.count == 1)
        #expect(abstract.sections[0].label == nil)
        #expect(abstract.sections[0].category == nil)
        #expect(abstract.text.hasPrefix("Electron paramagnetic resonance and magnetic susceptibility studies"))
        #expect(abstract.copyright == nil)
    }

    @Test func recordWithoutAbstract() throws {
        #expect(try CorpusRecords.record("12091962", in: "pubmed1.xml").abstract == nil)
    }

    @Test func inlineMarkupAddsNoCharacters() throws {
        let gut = try CorpusRecords.record("27797938", in: "pubmed4.xml")
        #expect(gut.title == "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.")
        let results = try #require(gut.abstract?.sections[2].text)
        #expect(results.contains("95% CI 1.07 to 2.78; ptrend=0.048)."))
        #expect(results.contains("(linkage disequilibrium r2<0.25)"))
        let runners = try CorpusRecords.record("30108519", in: "pubmed6.xml")
        #expect(runners.title.hasPrefix("A \"Blood Relationship\" Between the Overlooked Minimum Lactate Equivalent"))
    }

    @Test func prettyPrintedSectionsFoldWhitespace() throws {
        let abstract = try #require(try CorpusRecords.record("29768149", in: "pubmed-29768149.xml").abstract)
        #expect(abstract.sections[0].text == """
            In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β 2-agonist \
            may be an alternative to conventional treatment strategies.
            """)
    }

    /// The record's own no-break space after `(1)` and thin space (`<mml:mtext>`) before `MRI` are kept as written.
    @Test func mathMLReadsItsTokensOnly() throws {
        let abstract = try #require(try CorpusRecords.record("29963580", in: "pubmed7.xml").abstract)
        #expect(abstract.text.contains("(1)\u{00A0}inhaled He3/Xe129\u{2009}MRI ventilation and apparent diffusion coefficients"))
        #expect(abstract.text.contains("(3)\u{00A0}ultrashort echo-time H1\u{2009}MRI proton density measurements"))
    }

    @Test func journalTitleAbbreviationAndISSNs() throws {
        let record = try CorpusRecords.record("29768149", in: "pubmed-29768149.xml")
        #expect(record.journal == PubMedJournal(
            title: "The New England journal of medicine", isoAbbreviation: "N Engl J Med",
            issn: "1533-4406", issnType: "Electronic", linkingISSN: "0028-4793"))
        #expect(record.isBook == false)
    }
}
