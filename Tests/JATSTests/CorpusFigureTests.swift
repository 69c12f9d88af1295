import JATS
import Testing
import TestSupport

/// Figures of real articles from many publishers, checked field by field against what their XML says.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct CorpusFigureTests {
    /// What one figure's XML says, read from the corpus file by hand.
    struct Expected: Sendable, CustomTestStringConvertible {
        let publisher: String
        let file: String
        var pmcid: String? = nil
        let id: String
        var kind: FigureKind = .figure
        let label: String
        let captionTitle: String
        /// Text that must appear in the caption; the XML writes it with inline markup.
        let captionExcerpt: String
        let graphics: [String]
        /// Paragraphs outside captions holding an `xref` to the figure, counted in the XML.
        let citingParagraphs: Int

        var testDescription: String { "\(publisher) \(file) \(id)" }
    }

    static let expectations: [Expected] = [
        Expected(
            publisher: "BMC", file: "1471-2180-11-174.nxml", id: "F2", label: "Figure 2", captionTitle: "",
            captionExcerpt: "Samples of a lysis recording and frequency distributions of various experimental treatments. (A) Sample recordings from strain IN63.",
            graphics: ["1471-2180-11-174-2"], citingParagraphs: 1),
        Expected(
            publisher: "BMC (NLM 2.3, indented)", file: "PMC2231364.xml", id: "F3", label: "Figure 3", captionTitle: "",
            captionExcerpt: "Schematic representation of the clustered microarray data. Columns from left to right",
            graphics: ["1471-2180-7-96-3"], citingParagraphs: 3),
        Expected(
            publisher: "PLOS ONE", file: "pone.0046493.nxml", id: "pone-0046493-g001", label: "Figure 1",
            captionTitle: "Chemical structure of inhibitors.",
            captionExcerpt: "Chemical structures of A, THL and B, MmPPOX. The proposed mechanism",
            graphics: ["pone.0046493.g001"], citingParagraphs: 1),
        Expected(
            publisher: "PLOS NTD", file: "pntd.0002065.nxml", id: "pntd-0002065-g001", label: "Figure 1",
            captionTitle: "Location of the study areas.",
            captionExcerpt: "Figure 1 shows the map of the Zamb\u{E9}zia Province, Mozambique",
            graphics: ["pntd.0002065.g001"], citingParagraphs: 1),
        Expected(
            publisher: "PLOS NTD (table image)", file: "pntd.0002065.nxml", id: "pntd-0002065-t002", kind: .table,
            label: "Table 2", captionTitle: "RVF seroprevalence in 2010, as determined by IgG ELISA.", captionExcerpt: "",
            graphics: ["pntd.0002065.t002"], citingParagraphs: 2),
        Expected(
            publisher: "PLOS NTD (title-only caption)", file: "PMC6095483.xml", id: "pntd.0006635.g001", label: "Fig 1",
            captionTitle: "Times of occurrence of human plague events associated with Tibetan sheep and Tibetan sheep plagues on the Qinghai-Tibet plateau.",
            captionExcerpt: "", graphics: ["pntd.0006635.g001"], citingParagraphs: 2),
        Expected(
            publisher: "EHP", file: "ehp-116-1694.nxml", id: "f1-ehp-116-1694", label: "Figure 1", captionTitle: "",
            captionExcerpt: "total T4 in males and females (A), but had no effect on total T3 in males (B). *p < 0.05 compared with control.",
            graphics: ["ehp-116-1694f1"], citingParagraphs: 2),
        Expected(
            publisher: "OUP (Annals of Oncology)", file: "mds526.nxml", id: "MDS526F1", label: "Figure 1.", captionTitle: "",
            captionExcerpt: "(odds ratios and 95% confidence intervals for diagnosis in stage III/ IV versus I/II).",
            graphics: ["mds52601"], citingParagraphs: 1),
        Expected(
            publisher: "OUP (Behavioral Ecology)", file: "PMC6398430.nxml", id: "F2", label: "Figure 2", captionTitle: "",
            captionExcerpt: "(dark red = 2013, bright red = 2014)", graphics: ["ary15702"], citingParagraphs: 2),
        Expected(
            publisher: "Springer Nature (Scientific Reports)", file: "PMC6385181.xml", id: "Fig4", label: "Figure 4",
            captionTitle: "", // The XML writes thin spaces (U+2009) around each `&lt;`.
            captionExcerpt: "Holm-Bonferroni procedure: *p\u{2009}<\u{2009}0.05, **p\u{2009}<\u{2009}0.01, ***p\u{2009}<\u{2009}0.001.",
            graphics: ["41598_2019_39072_Fig4_HTML"], citingParagraphs: 2),
        Expected(
            publisher: "Springer (Nano Convergence)", file: "PMC7417471.nxml", id: "Fig1", label: "Fig.\u{A0}1", captionTitle: "",
            captionExcerpt: "(e, f) with different magnifications Reproduced with permission from [173] Copyright 2019 Wiley",
            graphics: ["40580_2020_237_Fig1_HTML"], citingParagraphs: 2),
        Expected(
            publisher: "Impact Journals (Oncotarget)", file: "PMC5828200.nxml", id: "F11", label: "Figure 11",
            captionTitle: "CSP did not inhibit A\u{3B2} aggregation in vitro",
            captionExcerpt: "5\u{3BC}M monomeric A\u{3B2} were co-incubated with 0, 22, 44, 220, and 440 \u{3BC}M CSPs for (A) 24 hours and (B) 48 hours.",
            graphics: ["oncotarget-09-10681-g011"], citingParagraphs: 2),
        Expected(
            publisher: "ACG Case Reports", file: "PMC6358576_PMC6358589.xml", pmcid: "PMC6358576", id: "F2", label: "Figure 2",
            captionTitle: "",
            captionExcerpt: "Endoscopy showing (A) the initial jejunal bezoar and (B) the bezoar after breaking it with biopsy forceps and water irrigation.",
            graphics: ["CG-CGCR180075F002"], citingParagraphs: 1),
        Expected(
            publisher: "Nature (Genes and Immunity)", file: "PMC6358576_PMC6358589.xml", pmcid: "PMC6358585", id: "Fig2",
            label: "Fig. 2", captionTitle: "",
            captionExcerpt: "On the x-axis, values outside the red lines represent log fold changes of \u{2265}0.3",
            graphics: ["41435_2017_10_Fig2_HTML"], citingParagraphs: 1),
        Expected(
            publisher: "Elsevier (Molecular Metabolism)", file: "PMC6358576_PMC6358589.xml", pmcid: "PMC6358588", id: "fig1",
            label: "Figure\u{A0}1", captionTitle: "",
            captionExcerpt: "The identification of PPAR\u{3B3} L451P. A-F. Clinical characteristics of the index patient.",
            graphics: ["gr1"], citingParagraphs: 5),
        Expected(
            publisher: "Elsevier (graphical abstract)", file: "PMC6358576_PMC6358589.xml", pmcid: "PMC6358589", id: "undfig1",
            label: "", captionTitle: "", captionExcerpt: "", graphics: ["fx1"], citingParagraphs: 0),
    ]

    @Test(arguments: expectations)
    func figureMatchesItsXML(_ expected: Expected) throws {
        let path = "jats/\(expected.file)"
        let article = try expected.pmcid.map { try CorpusArticles.article($0, in: path) } ?? CorpusArticles.single(path)
        let figure = try CorpusArticles.figure(expected.id, of: article)
        #expect(figure.kind == expected.kind)
        #expect(figure.label == expected.label)
        #expect(figure.captionTitle == expected.captionTitle)
        if expected.captionExcerpt.isEmpty {
            #expect(figure.caption.isEmpty)
        } else {
            #expect(figure.caption.contains(expected.captionExcerpt))
        }
        #expect(figure.graphics == expected.graphics)
        #expect(figure.parentID == nil)
        #expect(figure.citingParagraphs.count == expected.citingParagraphs)
        for paragraph in figure.citingParagraphs {
            #expect(paragraph.xml.hasPrefix("<p"))
            #expect(paragraph.xml.contains("rid=\"\(expected.id)\"") || paragraph.xml.contains(expected.id + " "))
            #expect(!paragraph.text.contains("<xref"))
        }
    }

    @Test func captionLeavesTitleOutAndFoldsIndentation() throws {
        let plos = try CorpusArticles.figure("pone-0046493-g001", of: CorpusArticles.single("jats/pone.0046493.nxml"))
        #expect(plos.caption.hasPrefix("Chemical structures of A, THL"))
        let indented = try CorpusArticles.figure("F3", of: CorpusArticles.single("jats/PMC2231364.xml"))
        #expect(indented.caption.hasPrefix("Schematic representation"))
        #expect(!indented.caption.contains("  "))
        #expect(!indented.caption.contains("\n"))
    }

    @Test func citingParagraphKeepsXrefMarkup() throws {
        let figure = try CorpusArticles.figure("pone-0046493-g001", of: CorpusArticles.single("jats/pone.0046493.nxml"))
        let paragraph = try #require(figure.citingParagraphs.first)
        #expect(paragraph.xml.contains(#"<xref ref-type="fig" rid="pone-0046493-g001">Figure <bold>1A</bold></xref>"#))
        #expect(paragraph.text.contains("Tetrahydrolipstatin (THL, Figure 1A), a versatile serine"))
        #expect(paragraph.text.contains("physiological action of hHSL"))
    }

    @Test func floatsGroupFiguresAreFound() throws {
        let article = try CorpusArticles.single("jats/ehp-116-1694.nxml")
        #expect(article.figures.map(\.id) == ["f1-ehp-116-1694", "f2-ehp-116-1694", "f3-ehp-116-1694"])
    }
}
