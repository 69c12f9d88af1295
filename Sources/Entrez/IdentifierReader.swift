import PMCModel
import XML

/// Reads the identifiers of a record apart from those of the papers it cites, which sit in
/// `ArticleIdList`s of their own deeper inside the reference list.
enum IdentifierReader {
    /// The record's own identifiers: `ArticleIdList`s that are direct children of the citation
    /// part (books keep their accession there) or of the data part, never deeper.
    static func ownIDs(of parts: RecordElements) -> [ArticleID] {
        let lists = [parts.citation, parts.data].compactMap { $0 }.flatMap { $0.children(named: "ArticleIdList") }
        return lists.flatMap(articleIDs(in:)).uniqued()
    }

    /// PMIDs of the cited papers: those of the reference lists (nested lists included), then those
    /// of `CommentsCorrections RefType="Cites"`, where records indexed before 2019 keep them.
    static func citedPMIDs(of parts: RecordElements) -> [String] {
        let referenceLists = [parts.data, parts.citation].compactMap { $0 }.flatMap { $0.children(named: "ReferenceList") }
        var pmids: [String] = []
        for list in referenceLists {
            list.visitDescendants { element in
                guard element.isNamed("Reference") else { return true }
                let ids = element.children(named: "ArticleIdList").flatMap(articleIDs(in:))
                pmids += ids.filter { $0.type == "pubmed" }.map(\.value)
                return false
            }
        }
        let citations = parts.citation.firstChild(named: "CommentsCorrectionsList")?.children(named: "CommentsCorrections") ?? []
        for citation in citations where citation.attribute("RefType") == "Cites" {
            if let pmid = citation.firstChild(named: "PMID").map({ $0.textContent.trimmingWhitespace() }), !pmid.isEmpty {
                pmids.append(pmid)
            }
        }
        return pmids.uniqued()
    }

    /// The identifiers of one list; `pubmed` is the DTD's default type.
    private static func articleIDs(in list: XMLElement) -> [ArticleID] {
        list.children(named: "ArticleId").compactMap { id in
            let value = id.textContent.trimmingWhitespace()
            guard !value.isEmpty else { return nil }
            return ArticleID(type: id.attribute("IdType") ?? "pubmed", value: value)
        }
    }
}

extension Sequence where Element: Hashable {
    /// The elements in order, each only at its first occurrence.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
