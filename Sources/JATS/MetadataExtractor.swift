import PMCModel
import XML

/// Reads an article's front matter (`front/journal-meta` and `front/article-meta`) into the
/// metadata fields of an `Article`.
enum MetadataExtractor {
    /// An article holding the metadata of `article`; body, references and figures are left empty.
    static func metadata(of article: XMLElement) -> Article {
        var result = Article(articleType: article.attribute("article-type"))
        guard let front = article.firstChild(named: "front") else { return result }
        if let journalMeta = front.firstChild(named: "journal-meta") {
            result.journal = journalTitle(in: journalMeta)
            result.publisher = front.firstChild(path: ["journal-meta", "publisher", "publisher-name"]).map(plainText)
        }
        guard let articleMeta = front.firstChild(named: "article-meta") else { return result }
        readChildren(of: articleMeta, into: &result)
        result.abstract = AbstractExtractor.abstract(in: articleMeta)
        result.date = PublicationDateReader.date(in: articleMeta)
        return result
    }

    private static func readChildren(of articleMeta: XMLElement, into article: inout Article) {
        var child = articleMeta.firstChildElement
        while let element = child {
            child = element.nextSiblingElement
            switch element.name {
            case "article-id": readIdentifier(element, into: &article)
            case "title-group": article.title = element.firstChild(named: "article-title").map(plainText) ?? ""
            case "article-categories": article.subjects = element.descendants(named: "subject").map(plainText)
            case "kwd-group": article.keywords += element.children(named: "kwd").map(plainText)
            case "volume": article.volume = article.volume ?? plainText(element)
            case "issue": article.issue = article.issue ?? plainText(element)
            case "fpage": article.firstPage = plainText(element)
            case "elocation-id": article.firstPage = article.firstPage ?? plainText(element)
            case "lpage": article.lastPage = plainText(element)
            case "permissions": article.license = LicenseReader.license(in: element)
            default: break
            }
        }
    }

    /// `pmc` and `pmcid` carry the PMCID; `pmcaid` is a different number and is ignored.
    private static func readIdentifier(_ articleID: XMLElement, into article: inout Article) {
        let value = articleID.textContent
        switch articleID.attribute("pub-id-type") {
        case "pmc", "pmcid": article.pmcid = article.pmcid ?? PMCID(value)
        case "pmid": article.pmid = article.pmid ?? nonEmpty(value.trimmingWhitespace())
        case "doi": article.doi = article.doi ?? DOI.normalized(value)
        default: break
        }
    }

    /// `journal-title` (inside `journal-title-group` since NLM 3.0), else the NLM or ISO abbreviation.
    private static func journalTitle(in journalMeta: XMLElement) -> String? {
        let title = journalMeta.firstChild(named: "journal-title")
            ?? journalMeta.firstChild(path: ["journal-title-group", "journal-title"])
        if let title = title.map(plainText), !title.isEmpty { return title }
        let ids = journalMeta.children(named: "journal-id")
        for type in ["nlm-ta", "iso-abbrev"] {
            if let id = ids.first(where: { $0.attribute("journal-id-type") == type }).map(plainText), !id.isEmpty {
                return id
            }
        }
        return nil
    }

    private static func plainText(_ element: XMLElement) -> String {
        TextExtractor.plain.text(of: element)
    }

    private static func nonEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}
