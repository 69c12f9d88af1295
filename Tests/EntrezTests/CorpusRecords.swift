import Entrez
import Foundation
import TestSupport

/// Parsed records of the real efetch answers in `../shared/corpus/efetch`.
enum CorpusRecords {
    /// The records of one answer file, by name.
    static func parse(_ fileName: String) throws -> [PubMedRecord] {
        let url = try SharedCorpus.url("efetch/\(fileName)")
        return try PubMedParser.parse(Array(try Data(contentsOf: url)), source: fileName)
    }

    /// The record with `pmid` in one answer file.
    static func record(_ pmid: String, in fileName: String) throws -> PubMedRecord {
        guard let record = try parse(fileName).first(where: { $0.pmid == pmid }) else { throw Missing(pmid: pmid) }
        return record
    }

    /// The answer file holds no record with this PMID.
    struct Missing: Error {
        let pmid: String
    }
}
