import JATS
import Testing

/// Plain text reads as written: inline markup adds nothing, blocks never glue words, whitespace folds once.
struct TextSpacingTests {
    @Test func inlineMarkupAddsNoSpace() throws {
        #expect(try InlineArticle.caption("<p><italic>S</italic>. aureus</p>") == "S. aureus")
        #expect(try InlineArticle.caption("<p>Student's <italic>t</italic>-test</p>") == "Student's t-test")
        #expect(try InlineArticle.caption("<p>10<sup>6</sup> cells, CO<sub>2</sub></p>") == "106 cells, CO2")
        #expect(try InlineArticle.caption("<p>M<italic>m</italic>PPOX</p>") == "MmPPOX")
    }

    @Test func blocksAreSeparated() throws {
        #expect(try InlineArticle.caption("<p>first</p><p>second</p>") == "first second")
        #expect(try InlineArticle.caption("<p>a<list><list-item><p>one</p></list-item><list-item><p>two</p></list-item></list>b</p>") == "a one two b")
        #expect(try InlineArticle.caption("<p>A<break/>B</p>") == "A B")
    }

    @Test func whitespaceFoldsOnceAndIsTrimmed() throws {
        #expect(try InlineArticle.caption("\n  <p>  a \n\t b  </p>\n  <p>\n c </p> ") == "a b c")
        #expect(try InlineArticle.caption("<p>a <italic> b </italic> c</p>") == "a b c")
    }

    @Test func unexpandedEntitiesContributeNothing() throws {
        let xml = #"<!DOCTYPE article [<!ENTITY x "EXPANDED">]><article><body><p>a&x;b &#233; &amp;</p></body></article>"#
        let article = try #require(try JATSParser.parse(Array(xml.utf8)).first)
        #expect(article.bodyText == "ab \u{E9} &")
    }

    @Test func formulaIsReadOnce() throws {
        let caption = try InlineArticle.caption("""
            <p>where <inline-formula><alternatives><tex-math>x^2</tex-math>\
            <mml:math><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math>\
            <inline-graphic xlink:href="e1.gif"/></alternatives></inline-formula> holds</p>
            """)
        #expect(caption == "where x2 holds")
        let annotated = try InlineArticle.caption("""
            <p><mml:math><mml:semantics><mml:mi>y</mml:mi><mml:annotation encoding="TeX">y</mml:annotation></mml:semantics></mml:math></p>
            """)
        #expect(annotated == "y")
    }

    @Test func bodyTextHasOneBlockPerLineAndLeavesFiguresTablesFormulasOut() throws {
        let article = try InlineArticle.parse(body: """
            <sec><title>Intro</title><p>First <italic>E. coli</italic> line.</p>\
            <fig id="F1"><label>Figure 1</label><caption><p>Caption text</p></caption><graphic xlink:href="g1"/></fig>\
            <p>Second<disp-formula><mml:math><mml:mi>z</mml:mi></mml:math></disp-formula> line.</p>\
            <table-wrap id="T1"><table><tr><td>cell</td></tr></table></table-wrap></sec>
            """)
        #expect(article.bodyText == "Intro\nFirst E. coli line.\nSecond\nline.")
    }

    @Test func structuredAbstractKeepsSectionTitles() throws {
        let article = try InlineArticle.parse(body: "", front: """
            <abstract><sec><title>Background</title><p>Why.</p></sec><sec><title>Results:</title><p>What.</p><p>More.</p></sec></abstract>\
            <abstract abstract-type="teaser"><p>Short.</p></abstract>
            """)
        #expect(article.abstract == "Background: Why.\nResults: What.\nMore.")
    }

    @Test func teaserIsReadOnlyWhenNothingElse() throws {
        let article = try InlineArticle.parse(body: "", front: #"<abstract abstract-type="teaser"><p>Short.</p></abstract>"#)
        #expect(article.abstract == "Short.")
    }

    @Test func structuredCitationFieldsAreSeparated() throws {
        let article = try InlineArticle.parse(body: "", back: """
            <ref-list><ref id="R1"><label>1.</label><element-citation><person-group><name><surname>Smith</surname>\
            <given-names>AB</given-names></name></person-group><article-title>A <italic>title</italic></article-title>\
            <source>J Biol</source><year>2001</year><pub-id pub-id-type="pmid">123</pub-id>\
            <pub-id pub-id-type="doi">doi:10.1/x</pub-id></element-citation></ref>\
            <ref id="R2"><mixed-citation><name><surname>Doe</surname><given-names>J</given-names></name> (<year>2009</year>) \
            <article-title>Title</article-title>. <source>Nature</source></mixed-citation></ref></ref-list>
            """)
        #expect(article.references == [
            Reference(id: "R1", text: "Smith AB A title J Biol 2001 123 doi:10.1/x", pmid: "123", doi: "10.1/x"),
            Reference(id: "R2", text: "Doe J (2009) Title. Nature"),
        ])
    }
}
