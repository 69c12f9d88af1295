import XML

/// The elements that hold a PubMed record's fields, whichever kind of record it is: a journal
/// article spreads them over `MedlineCitation`, its `Article` and `PubmedData`; a book over
/// `BookDocument` (both roles at once) and `PubmedBookData`.
struct RecordElements {
    /// Holds the PMID, MeSH, keywords, chemicals, comments and corrections (and a book's own ids).
    let citation: XMLElement
    /// Holds the title, abstract, journal and publication types.
    let article: XMLElement?
    /// Holds the record's identifiers and the reference list.
    let data: XMLElement?
    /// True for `PubmedBookArticle`.
    let isBook: Bool

    /// The parts of `record`, or nil when it is not a record (a `DeleteCitation` of an update file)
    /// or lacks its citation part.
    init?(record: XMLElement) {
        if record.isNamed("PubmedArticle"), let citation = record.firstChild(named: "MedlineCitation") {
            self.citation = citation
            article = citation.firstChild(named: "Article")
            data = record.firstChild(named: "PubmedData")
            isBook = false
        } else if record.isNamed("PubmedBookArticle"), let document = record.firstChild(named: "BookDocument") {
            citation = document
            article = document
            data = record.firstChild(named: "PubmedBookData")
            isBook = true
        } else {
            return nil
        }
    }
}
