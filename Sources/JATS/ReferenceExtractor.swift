import XML

/// Reads the reference list (`ref-list/ref`, wherever the lists sit in `back`).
enum ReferenceExtractor {
    /// Every `ref` under `back`, in document order.
    static func references(in back: XMLElement) -> [Reference] {
        var references: [Reference] = []
        back.visitDescendants { element in
            guard element.isNamed("ref") else { return true }
            references.append(reference(from: element))
            return false
        }
        return references
    }

    private static func reference(from ref: XMLElement) -> Reference {
        var pmid: String?
        var doi: String?
        ref.visitDescendants { element in
            guard element.isNamed("pub-id") else { return true }
            switch element.attribute("pub-id-type") {
            case "pmid": pmid = pmid ?? element.textContent.trimmingWhitespace()
            case "doi": doi = doi ?? DOI.normalized(element.textContent)
            default: break
            }
            return false
        }
        let text = firstCitation(in: ref).map { TextExtractor.plain.text(of: $0) }
            ?? TextExtractor.plain.text(of: ref, excludingChildrenNamed: "label")
        return Reference(id: ref.attribute("id"), text: text, pmid: pmid?.isEmpty == false ? pmid : nil, doi: doi)
    }

    /// The first citation of a reference: a `citation-alternatives` holds the same citation twice.
    private static func firstCitation(in ref: XMLElement) -> XMLElement? {
        var found: XMLElement?
        ref.visitDescendants { element in
            guard found == nil else { return false }
            if TextRole(of: element) == .citation { found = element }
            return found == nil
        }
        return found
    }
}
