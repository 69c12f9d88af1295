import PMCModel

/// Where the fields of a legacy file-list row are.
///
/// `oa_file_list.csv` names its columns in a header
/// (`File,Article Citation,Accession ID,Last Updated (YYYY-MM-DD HH:MM:SS),PMID,License`);
/// `oa_file_list.txt` has none: `path, citation, PMCID, PMID:nnn, license`, tab-separated.
struct LegacyColumns: Sendable {
    private var file: Int
    private var citation: Int?
    private var accession: Int
    private var lastUpdated: Int?
    private var pmid: Int?
    private var license: Int?

    /// The fixed columns of `oa_file_list.txt`.
    static let textList = LegacyColumns(file: 0, citation: 1, accession: 2, lastUpdated: nil, pmid: 3, license: 4)

    private init(file: Int, citation: Int?, accession: Int, lastUpdated: Int?, pmid: Int?, license: Int?) {
        self.file = file
        self.citation = citation
        self.accession = accession
        self.lastUpdated = lastUpdated
        self.pmid = pmid
        self.license = license
    }

    /// The columns an `oa_file_list.csv` header names; `listName` names the list in the error.
    init(header: [String], listName: String) throws(SourceError) {
        let names = header.map { $0.trimmingWhitespace() }
        func column(_ prefix: String) -> Int? { names.firstIndex { $0.hasPrefix(prefix) } }
        guard let file = column("File"), let accession = column("Accession ID") else {
            throw .badMetadata(file: listName, reason: "the header \(header) lacks File or Accession ID")
        }
        self.init(
            file: file, citation: column("Article Citation"), accession: accession,
            lastUpdated: column("Last Updated"), pmid: column("PMID"), license: column("License"))
    }

    /// The reference a row describes, or nil when its accession is not a PMCID. `rowNumber`
    /// (counting the list's lines from 1) and `listName` locate a bad row in its problem.
    func ref(from row: [String], rowNumber: Int, listName: String) -> ArticleRef? {
        guard let pmcid = field(accession, row).flatMap(PMCID.init) else { return nil }
        let path = field(file, row) ?? ""
        let stamp = field(lastUpdated, row)
        var ref = ArticleRef(
            id: ArticleVersion(pmcid: pmcid, version: 1),
            licenseCode: field(license, row),
            pmid: field(pmid, row).map { $0.hasPrefix("PMID:") ? String($0.dropFirst(5)) : $0 }.flatMap { $0.isEmpty ? nil : $0 },
            citation: field(citation, row),
            lastModified: stamp,
            // The list's timestamp changes with the package; the path tells a moved package apart.
            fingerprint: stamp.map { "\($0) \(path)" } ?? path,
            location: path)
        if !RelativePath.isSafe(path) {
            ref.listingProblem = .badMetadata(file: listName, reason: "line \(rowNumber): the package path '\(path)' is not a relative path inside the mirror")
        }
        return ref
    }

    private func field(_ index: Int?, _ row: [String]) -> String? {
        guard let index, index < row.count else { return nil }
        let value = row[index].trimmingWhitespace()
        return value.isEmpty ? nil : value
    }
}
