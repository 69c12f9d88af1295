import Entrez
import Foundation

/// PubMed XML files read as the enrich stage reads efetch answers: what `parse-pubmed` shows.
public enum PubMedFiles {
    /// The records in the PubMed XML file at `path`, each as one line of JSON with sorted keys.
    /// - Throws: `FileError.unreadable` when the file cannot be read, `PubMedParseError` when it
    ///   is not PubMed XML.
    public static func records(in path: String) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try parse(path).map { String(decoding: try encoder.encode($0), as: UTF8.self) }
    }

    /// The number of records in the PubMed XML file at `path`, parsed as `records(in:)` parses them.
    public static func count(in path: String) throws -> Int {
        try parse(path).count
    }

    private static func parse(_ path: String) throws -> [PubMedRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw FileError.unreadable(path) }
        return try PubMedParser.parse(Array(data), source: path)
    }
}
