import JATS
import Testing

/// Where figures and their graphics can sit, on small documents.
struct FigureStructureTests {
    @Test func nestedSupplementaryFigureFollowsItsParent() throws {
        let article = try InlineArticle.parse(body: """
            <p>See <xref ref-type="fig" rid="F1">Fig. 1</xref> and <xref ref-type="fig" rid="F1 S1">S1</xref>.</p>\
            <fig id="F1"><label>Figure 1</label><caption><title>Main.</title><p>Main caption \
            <fig id="S1"><label>Figure S1</label><caption><p>Supplement</p></caption><graphic xlink:href="s1"/></fig></p>\
            </caption><graphic xlink:href="main"/></fig>\
            <p><fig id="S2"><caption><p>In a paragraph</p></caption><graphic xlink:href="s2"/></fig></p>
            """)
        #expect(article.figures.map(\.id) == ["F1", "S1", "S2"])
        let main = article.figures[0]
        #expect(main.graphics == ["main"])
        #expect(main.caption == "Main caption")
        #expect(main.citingParagraphs.count == 1)
        let nested = article.figures[1]
        #expect(nested.parentID == "F1")
        #expect(nested.label == "Figure S1")
        #expect(nested.graphics == ["s1"])
        #expect(nested.citingParagraphs.map(\.text) == ["See Fig. 1 and S1."])
        #expect(article.figures[2].parentID == nil)
    }

    @Test func figuresInSupplementaryMaterialBoxesAppendicesAndSubArticles() throws {
        let article = try InlineArticle.parse(
            body: """
                <supplementary-material><fig id="A"><graphic xlink:href="a"/></fig></supplementary-material>\
                <boxed-text><fig-group><fig id="B"><graphic xlink:href="b1"/><graphic xlink:href="b2"/></fig></fig-group></boxed-text>
                """,
            back: #"<app-group><app><fig id="C"><graphic xlink:href="c"/></fig></app></app-group>"#)
        #expect(article.figures.map(\.id) == ["A", "B", "C"])
        #expect(article.figures.map(\.graphics) == [["a"], ["b1", "b2"], ["c"]])
    }

    @Test func tableImageInsideAlternativesIsATable() throws {
        let article = try InlineArticle.parse(body: """
            <p>As <xref ref-type="table" rid="T1">Table 1</xref> shows.</p>\
            <table-wrap id="T1"><label>Table 1</label><caption><title>Counts.</title></caption>\
            <alternatives><graphic xlink:href="pone.0000217.t001.jpg"/><table><tr><td>1</td></tr></table></alternatives></table-wrap>\
            <table-wrap id="T2"><table><tr><td>text only</td></tr></table></table-wrap>
            """)
        #expect(article.figures.count == 1)
        let table = try #require(article.figures.first)
        #expect(table.kind == .table)
        #expect(table.label == "Table 1")
        #expect(table.captionTitle == "Counts.")
        #expect(table.graphics == ["pone.0000217.t001.jpg"])
        #expect(table.citingParagraphs.map(\.text) == ["As Table 1 shows."])
    }

    @Test func formulaAndInlineGraphicsAreNotFigureGraphics() throws {
        let article = try InlineArticle.parse(body: """
            <p>x <inline-graphic xlink:href="i1"/> <disp-formula><graphic xlink:href="pone.0000217.e001.jpg"/></disp-formula></p>\
            <fig id="F1"><caption><p>With <inline-formula><inline-graphic xlink:href="i2"/></inline-formula>\
            <disp-formula><graphic xlink:href="e2"/></disp-formula><chem-struct><graphic xlink:href="c1"/></chem-struct></p></caption>\
            <graphic xlink:href="gr1"/></fig>
            """)
        #expect(article.figures.map(\.graphics) == [["gr1"]])
    }

    @Test func paragraphCitingTwiceIsListedOnceAndCaptionsDoNotCite() throws {
        let article = try InlineArticle.parse(body: """
            <p>A <xref ref-type="fig" rid="F1">1</xref> and again <xref ref-type="fig" rid="F1">1</xref>.</p>\
            <p>Table ref <xref ref-type="table" rid="F1">not a figure citation</xref>.</p>\
            <fig id="F1"><caption><p>Self <xref ref-type="fig" rid="F1">1</xref></p></caption><graphic xlink:href="g"/></fig>\
            <p>Last <xref ref-type="fig" rid="F2 F1">2, 1</xref>.</p>
            """)
        let figure = try #require(article.figures.first)
        #expect(figure.citingParagraphs.map(\.text) == ["A 1 and again 1.", "Last 2, 1."])
        #expect(figure.citingParagraphs.first?.xml == #"<p>A <xref ref-type="fig" rid="F1">1</xref> and again <xref ref-type="fig" rid="F1">1</xref>.</p>"#)
    }

    @Test func figurePermissionsAreKept() throws {
        let article = try InlineArticle.parse(body: """
            <fig id="F1"><graphic xlink:href="g"/><permissions><copyright-statement>© 2019 Wiley</copyright-statement>\
            <license xlink:href="https://creativecommons.org/licenses/by/4.0/"><license-p>Reused.</license-p></license></permissions></fig>
            """)
        #expect(article.figures.first?.license == License(
            url: "https://creativecommons.org/licenses/by/4.0/", text: "Reused.", copyright: "© 2019 Wiley"))
    }
}
