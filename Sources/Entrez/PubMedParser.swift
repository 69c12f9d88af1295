import XML

/// Parses PubMed XML (`efetch db=pubmed retmode=xml` answers) into records.
///
/// Parsing is pure and safe on hostile input: the DOCTYPE naming NCBI's remote DTD is never
/// followed, no entity is expanded (see `XMLDocument`). Records are returned in answer order;
/// callers match them to their requests by `pmid`, since NCBI may drop or reorder records.
public enum PubMedParser {
    /// The records of one efetch answer: every `PubmedArticle` and `PubmedBookArticle` child of its
    /// `PubmedArticleSet` (none for an empty set). `source` names the answer in errors.
    /// - Throws: `PubMedParseError.malformedXML` for bytes that are not well-formed XML,
    ///   `PubMedParseError.notAPubMedArticleSet` for any other root element.
    public static func parse(_ bytes: [UInt8], source: String) throws(PubMedParseError) -> [PubMedRecord] {
        let document: XMLDocument
        do {
            document = try XMLDocument(bytes: bytes)
        } catch {
            throw .malformedXML(source: source, error)
        }
        guard let root = document.root, root.isNamed("PubmedArticleSet") else {
            throw .notAPubMedArticleSet(source: source, rootElement: document.root?.name ?? "")
        }
        var records: [PubMedRecord] = []
        var child = root.firstChildElement
        while let element = child {
            if let record = PubMedRecordReader.record(from: element) { records.append(record) }
            child = element.nextSiblingElement
        }
        return records
    }
}
