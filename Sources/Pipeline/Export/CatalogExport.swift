import Catalog
import Dataset
import Foundation
import PMCModel

/// What a catalog holds, read out for people and other tools: every article version as JSON
/// Lines (`export`), or one article's versions (`show`).
public enum CatalogExport {
    /// Writes every article version as JSON Lines into the file `output`, sorted by PMCID and
    /// version, so two catalogs with the same content export to identical files. Returns the
    /// number of versions.
    /// - Throws: `FileError` when `output` is a folder, `UsageError` when it is the catalog or one
    ///   of its companion files, before anything is written.
    public static func export(catalog: URL, to output: URL) throws -> Int {
        let companions = ["-wal", "-shm", "-journal", ".lock"].map { URL(fileURLWithPath: catalog.path + $0) }
        try OutputFile.check(output, inputs: [catalog] + companions, option: "--jsonl")
        let file = try JSONLinesFile(path: output.path)
        let count = try export(catalog: catalog) { try file.append($0) }
        try file.close()
        return count
    }

    /// Hands `line` every article version as one line of JSON, in the order `export(catalog:to:)`
    /// writes them. Returns the number of versions.
    public static func export(catalog: URL, line: (String) throws -> Void) throws -> Int {
        var count = 0
        try open(catalog).forEachExportedArticle { article in
            try line(ArticleJSON.line(article))
            count += 1
        }
        return count
    }

    /// Every version of the article `pmcid` (PMC prefix optional) as JSON, indented when `pretty`.
    /// - Throws: `UsageError` for a value that is not a PMCID, `ArticleNotFound` when the catalog
    ///   does not hold it.
    public static func versions(of pmcid: String, catalog: URL, pretty: Bool) throws -> [String] {
        guard let id = PMCID(pmcid) else { throw UsageError("'\(pmcid)' is not a PMCID") }
        let versions = try open(catalog).exportedVersions(of: id)
        guard !versions.isEmpty else { throw ArticleNotFound(pmcid: id.rawValue, catalog: catalog.path) }
        return try versions.map { try ArticleJSON.line($0, pretty: pretty) }
    }

    /// The catalog at `url`, which must exist.
    private static func open(_ url: URL) throws -> Catalog {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DatasetError.missingCatalog(url.path) }
        return try Catalog(readingAt: url.path)
    }
}

/// The catalog does not hold the article asked for.
public struct ArticleNotFound: Error, Sendable, CustomStringConvertible {
    /// The article.
    public var pmcid: String
    /// The catalog file.
    public var catalog: String

    public var description: String { "\(pmcid) is not in \(catalog)" }
}
