import Foundation
import Testing
import TestSupport
import XML

/// The XML cases of the hostile corpus (`bad/README.md`): each must fail cleanly or parse safely.
@Suite(.enabled(if: SharedCorpus.isPresent, SharedCorpus.absenceNote))
struct HostileCorpusTests {
    private func bytes(_ folder: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: SharedCorpus.url("bad/pmc-cloud/\(folder)/\(folder).xml")))
    }

    @Test func truncatedDocumentFailsWithAPosition() throws {
        #expect {
            _ = try XMLDocument(bytes: try bytes("PMC9000102.1"))
        } throws: { error in
            guard let parseError = error as? XMLParseError else { return false }
            return parseError.line > 0 && parseError.column > 0 && !parseError.message.isEmpty
        }
    }

    /// The file declares its DOCTYPE twice, so it is not well-formed: a clean error is as good as a
    /// parse, as long as no content of /etc/passwd surfaces in either.
    @Test func externalEntityIsNeverResolved() throws {
        let input = try bytes("PMC9000103.1")
        let surfaced: String
        do {
            surfaced = try XMLDocument(bytes: input).root?.textContent ?? ""
        } catch {
            surfaced = error.message
        }
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0:"
        let firstLine = try #require(passwd.split(separator: "\n").first)
        #expect(!surfaced.contains(firstLine))
        #expect(!surfaced.contains("root:x:"))
    }

    @Test func entityBombIsNotExpanded() throws {
        let start = ContinuousClock.now
        let text: String
        do {
            text = try XMLDocument(bytes: try bytes("PMC9000104.1")).root?.textContent ?? ""
        } catch {
            text = ""
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(!text.contains("lollol"))
        #expect(text.utf8.count < 200_000)
    }

    @Test func latin1CaptionDecodes() throws {
        let document = try XMLDocument(bytes: try bytes("PMC9000113.1"))
        let caption = try #require(document.root?.descendants(named: "caption").first)
        let firstParagraph = try #require(caption.firstChild(named: "p"))
        #expect(firstParagraph.textContent == "Caf\u{E9} na\u{EF}ve \u{B5}m")
    }
}
