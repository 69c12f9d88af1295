import Foundation
import Testing
import XML

/// Small documents written here, one feature each.
struct InlineDocumentTests {
    private func parse(_ xml: String) throws -> XMLDocument {
        try XMLDocument(bytes: Array(xml.utf8))
    }

    @Test func processingInstructionsAndCommentsAreInvisible() throws {
        let document = try parse("<a><?properties open_access?>x<!-- note -->y<b/><?pi z?></a>")
        let root = try #require(document.root)
        #expect(root.textContent == "xy")
        #expect(root.childElements.map(\.name) == ["b"])
        #expect(root.children.count == 3)
    }

    @Test func networkDTDIsNeverFetched() throws {
        // 10.255.255.1 never answers: a fetch would hang far longer than the limit below.
        let xml = """
            <!DOCTYPE article PUBLIC "-//NLM//DTD JATS//EN" "http://10.255.255.1/JATS-archivearticle1.dtd">
            <article><p>a&remote;b</p></article>
            """
        let start = ContinuousClock.now
        let document = try parse(xml)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(document.root?.textContent == "ab")
    }

    @Test func localDTDIsNeverLoaded() throws {
        let dtd = FileManager.default.temporaryDirectory.appendingPathComponent("xmltests-\(UUID().uuidString).dtd")
        try Data("<!ENTITY secret \"LEAKED\">".utf8).write(to: dtd)
        defer { try? FileManager.default.removeItem(at: dtd) }
        let document = try parse("<!DOCTYPE a SYSTEM \"\(dtd.path)\"><a>x&secret;y</a>")
        #expect(document.root?.textContent == "xy")
    }

    @Test func prefixedAttributeLookup() throws {
        let document = try parse("""
            <fig xmlns:xlink="http://www.w3.org/1999/xlink" id="F1"><graphic xlink:href="gr1" href="plain"/></fig>
            """)
        let graphic = try #require(document.root?.firstChild(named: "graphic"))
        #expect(graphic.attribute("href", prefix: "xlink") == "gr1")
        #expect(graphic.attribute("href", prefix: nil) == "plain")
        #expect(graphic.attribute("missing") == nil)
        #expect(document.root?.attribute("id") == "F1")
    }

    @Test func markupKeepsInlineElements() throws {
        let document = try parse(#"<body><p>See <xref ref-type="fig" rid="F1">Fig. 1</xref> &amp; <italic>E. coli</italic>.</p></body>"#)
        let paragraph = try #require(document.root?.firstChild(named: "p"))
        #expect(paragraph.markup == #"<p>See <xref ref-type="fig" rid="F1">Fig. 1</xref> &amp; <italic>E. coli</italic>.</p>"#)
        #expect(paragraph.textContent == "See Fig. 1 & E. coli.")
    }

    @Test func siblingWalkVisitsElementsOnly() throws {
        let document = try parse("<a>t<b/>u<c/><!-- d --><e/></a>")
        var names: [String] = []
        var child = document.root?.firstChildElement
        while let current = child {
            names.append(current.name)
            child = current.nextSiblingElement
        }
        #expect(names == ["b", "c", "e"])
    }

    @Test func malformedDocumentReportsLineAndColumn() {
        #expect {
            _ = try self.parse("<a>\n  <b></a>")
        } throws: { error in
            (error as? XMLParseError)?.line == 2
        }
    }
}
