import Foundation

/// The fields of a PMC Cloud metadata file (`PMCID.N.json`) the sources use.
struct CloudMetadata: Decodable, Sendable {
    var pmid: String?
    var doi: String?
    var title: String?
    var citation: String?
    var licenseCode: String?
    var xmlURL: String?
    var mediaURLs: [String]

    enum CodingKeys: String, CodingKey {
        case pmid, doi, title, citation
        case licenseCode = "license_code"
        case xmlURL = "xml_url"
        case mediaURLs = "media_urls"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pmid = try Self.looseString(container, .pmid)
        doi = try container.decodeIfPresent(String.self, forKey: .doi)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        citation = try container.decodeIfPresent(String.self, forKey: .citation)
        licenseCode = try container.decodeIfPresent(String.self, forKey: .licenseCode)
        xmlURL = try container.decodeIfPresent(String.self, forKey: .xmlURL)
        mediaURLs = try container.decodeIfPresent([String].self, forKey: .mediaURLs) ?? []
    }

    /// Parses a metadata file; `file` names it in the error.
    static func parse(_ bytes: [UInt8], file: String) throws(SourceError) -> CloudMetadata {
        do {
            return try JSONDecoder().decode(CloudMetadata.self, from: Data(bytes))
        } catch {
            throw .badMetadata(file: file, reason: Self.describe(error))
        }
    }

    /// The media file names of `media_urls`, sorted, and the MD5 of those whose URL carries one.
    var media: (files: [String], checksums: [String: String]) {
        var checksums: [String: String] = [:]
        var names: Set<String> = []
        for url in mediaURLs {
            let name = Self.fileName(of: url)
            names.insert(name)
            checksums[name] = Self.md5(of: url)
        }
        return (names.sorted(), checksums)
    }

    /// The `md5` query value of an `s3://` URL, if any.
    static func md5(of url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        return query.split(separator: "&").first { $0.hasPrefix("md5=") }.map { String($0.dropFirst(4)).lowercased() }
    }

    /// The file name an `s3://bucket/folder/NAME?md5=...` URL points at.
    static func fileName(of url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let name = RelativePath.baseName(path)
        return name.removingPercentEncoding ?? name
    }

    /// PMC has written PMIDs as strings, as numbers and as null.
    private static func looseString(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        if let text = try? container.decodeIfPresent(String.self, forKey: key) {
            return text.isEmpty ? nil : text
        }
        return try container.decodeIfPresent(Int64.self, forKey: key).map(String.init)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): "not valid JSON: \(context.debugDescription)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: String(describing: error)
        }
    }
}