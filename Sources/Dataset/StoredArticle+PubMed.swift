import Catalog
import Entrez

/// What the dataset shows of an article once PubMed's record joins its JATS: PubMed's indexing
/// (MeSH, publication types, chemicals) where JATS has none, PubMed's abstract and keywords where
/// it has them, and the reference PMIDs of both.
extension StoredArticle {
    /// True when PubMed's record is in.
    public var isEnriched: Bool { pubmed != nil }

    /// PubMed's abstract (structured sections as `LABEL: text` lines) when it has one, else the JATS abstract.
    public var datasetAbstract: String? {
        guard let text = pubmed?.abstract?.text, !text.isEmpty else { return abstract }
        return text
    }

    /// The JATS keywords, or PubMed's when the JATS has none.
    public var datasetKeywords: [String] {
        keywords.isEmpty ? (pubmed?.keywords.map(\.text) ?? []) : keywords
    }

    /// The MeSH descriptors' names, in record order.
    public var meshTerms: [String] {
        pubmed?.meshHeadings.map(\.descriptor.name) ?? []
    }

    /// The descriptors marked as a main point of the article, themselves or through a qualifier.
    public var meshMajorTerms: [String] {
        pubmed?.meshHeadings.filter { $0.descriptor.isMajorTopic || $0.qualifiers.contains(where: \.isMajorTopic) }
            .map(\.descriptor.name) ?? []
    }

    /// The MeSH descriptors' unique ids (`D...`), in record order.
    public var meshIDs: [String] {
        pubmed?.meshHeadings.map(\.descriptor.uniqueID) ?? []
    }

    /// Each heading as PubMed displays it: `Descriptor/qualifier/qualifier`, a `*` after each
    /// major-topic term, for example `Asthma/drug therapy*`.
    public var meshHeadings: [String] {
        pubmed?.meshHeadings.map { heading in
            ([heading.descriptor] + heading.qualifiers).map { $0.name + ($0.isMajorTopic ? "*" : "") }.joined(separator: "/")
        } ?? []
    }

    /// The publication types' names (`Journal Article`, `Review`...).
    public var publicationTypes: [String] {
        pubmed?.publicationTypes.map(\.name) ?? []
    }

    /// The indexed substances' names.
    public var chemicals: [String] {
        pubmed?.chemicals.map(\.name) ?? []
    }

    /// PMIDs of the cited papers: those the JATS reference list gives, then those only PubMed's
    /// reference list has, each once.
    public var referencePMIDs: [String] {
        let fromJATS = references.compactMap(\.pmid)
        var seen = Set(fromJATS)
        return fromJATS + (pubmed?.citedPMIDs ?? []).filter { seen.insert($0).inserted }
    }

    /// Entries in the reference list: the JATS list's, or as many as the PMIDs known when more.
    public var referenceCount: Int {
        max(references.count, referencePMIDs.count)
    }
}
