/// What a legacy package (`PMCID.tar.gz`) holds, read without unpacking it to disk.
struct LegacyPackageContents: Sendable {
    /// The article's `.nxml` (or `.xml`) bytes.
    var xml: [UInt8]
    /// The XML member's path inside the package.
    var xmlPath: String
    /// The base names of the other regular files, sorted.
    var mediaFiles: [String]
    /// Members skipped because they were unsafe.
    var warnings: [String]
}

/// Reads a legacy package with `ArchiveReader`.
///
/// Members whose path is absolute or climbs out with `..`, and link members, are skipped with a
/// warning: they are never followed nor written anywhere. Any archive error fails the whole
/// package, so a truncated download never yields a partial article.
enum LegacyPackageReader {
    /// Reads the package at `path`; `file` names it in errors and warnings.
    static func read(path: String, file: String, xmlLimit: Int) throws(SourceError) -> LegacyPackageContents {
        let reader = try ArchiveReader(path: path, format: .tar, fileName: file)
        var xml: (path: String, bytes: [UInt8])?
        var media: Set<String> = []
        var warnings: [String] = []
        while let entry = try reader.nextEntry() {
            switch entry.kind {
            case .directory:
                continue
            case .symbolicLink, .hardLink:
                warnings.append("\(file): skipped the link member '\(entry.path)': links are never followed")
                continue
            case .other:
                warnings.append("\(file): skipped the member '\(entry.path)': not a regular file")
                continue
            case .regular:
                break
            }
            guard RelativePath.isSafe(entry.path) else {
                warnings.append("\(file): skipped the member '\(entry.path)': its path leaves the package")
                continue
            }
            let isNXML = entry.path.lowercased().hasSuffix(".nxml")
            guard isNXML || entry.path.lowercased().hasSuffix(".xml") else {
                media.insert(RelativePath.baseName(entry.path))
                continue
            }
            // `.nxml` is PMC's name for the article; a plain `.xml` stands in only when there is none.
            let keptIsNXML = xml?.path.lowercased().hasSuffix(".nxml") ?? false
            if xml == nil || isNXML && !keptIsNXML {
                xml = (entry.path, try reader.readData(limit: xmlLimit))
            }
        }
        guard let xml else { throw .missingFile(file: "\(file) (no .nxml or .xml member)") }
        return LegacyPackageContents(xml: xml.bytes, xmlPath: xml.path, mediaFiles: media.sorted(), warnings: warnings)
    }

    /// The bytes of the regular, safe members whose base name is in `names`; a name with no such
    /// member is `missingFile`, one over `limit` is `tooLarge`. Any archive error fails the call.
    static func readMedia(path: String, file: String, names: Set<String>, limit: Int) throws(SourceError) -> [String: Result<[UInt8], SourceError>] {
        let reader = try ArchiveReader(path: path, format: .tar, fileName: file)
        var media: [String: Result<[UInt8], SourceError>] = [:]
        while let entry = try reader.nextEntry() {
            let name = RelativePath.baseName(entry.path)
            guard entry.kind == .regular, RelativePath.isSafe(entry.path), names.contains(name), media[name] == nil else {
                try reader.skipData()
                continue
            }
            do throws(SourceError) {
                media[name] = .success(try reader.readData(limit: limit))
            } catch {
                if case .tooLarge = error {
                    media[name] = .failure(error)
                    try reader.skipData()
                } else {
                    throw error
                }
            }
        }
        for name in names where media[name] == nil {
            media[name] = .failure(.missingFile(file: "\(file): \(name)"))
        }
        return media
    }
}
