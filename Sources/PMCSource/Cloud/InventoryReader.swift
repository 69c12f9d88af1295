import Foundation

/// Reads the newest S3 inventory report of a PMC Cloud store
/// (`inventory-reports/BUCKET/metadata/STAMP/manifest.json` and the CSV.gz files it names) into
/// the list of metadata objects, sorted by key.
///
/// An inventory is unordered across its files, so its keys are sorted before any is listed: an
/// external sort, which spills runs to temporary files, keeps memory bounded for all of PMC.
/// That is the price of replacing thousands of listing requests by a few downloads.
struct InventoryReader: Sendable {
    let store: any ObjectStore
    /// The bucket whose inventory is read: the folder name under `inventory-reports/`.
    let bucket: String
    let limits: SourceLimits

    private var reportsPrefix: String { "inventory-reports/\(bucket)/metadata/" }

    /// The newest report's manifest key, or nil when the store has no report.
    func latestManifestKey() async throws(SourceError) -> String? {
        // Report folders are UTC stamps (`2026-11-20T01-00Z`), so the newest sorts last; `data/` and `hive/` are not reports.
        let stamps = try await store.commonPrefixes(under: reportsPrefix, pageSize: 1000)
            .filter { $0.dropFirst(reportsPrefix.count).first?.isNumber == true }
            .sorted { $0.precedesInKeyOrder($1) }
        for stamp in stamps.reversed() {
            let key = stamp + "manifest.json"
            do {
                _ = try await store.get(key, limit: limits.metadataBytes)
                return key
            } catch .missingFile {
                // A report still being written has no manifest yet: the previous one is complete.
                continue
            }
        }
        return nil
    }

    /// Every `metadata/*.json` object the report lists that `keep` accepts, ready to be taken in key order.
    func metadataObjects(
        manifestKey: String, keeping keep: (StoredObject) -> Bool
    ) async throws(SourceError) -> ExternalObjectSort {
        let manifestFile = store.location(of: manifestKey)
        let manifest: InventoryManifest
        do {
            manifest = try JSONDecoder().decode(InventoryManifest.self, from: Data(try await store.get(manifestKey, limit: limits.metadataBytes)))
        } catch let error as SourceError {
            throw error
        } catch {
            throw .badMetadata(file: manifestFile, reason: "not an S3 inventory manifest: \(error)")
        }
        let columns = try InventoryColumns(schema: manifest.fileSchema, file: manifestFile)
        let sort = ExternalObjectSort()
        for file in manifest.files {
            let bytes = try await store.get(file.key, limit: limits.archiveBytes)
            try Self.readRows(of: bytes, file: store.location(of: file.key)) { row throws(SourceError) in
                if let object = columns.object(in: row), object.key.hasPrefix("metadata/"), object.key.hasSuffix(".json"), keep(object) {
                    try sort.add(object)
                }
            }
        }
        return sort
    }

    /// Gunzips a CSV.gz inventory file and hands over its rows as they are decoded.
    static func readRows(of gzipped: [UInt8], file: String, _ body: ([String]) throws(SourceError) -> Void) throws(SourceError) {
        let reader = try ArchiveReader(bytes: gzipped, format: .gzipStream, fileName: file)
        guard try reader.nextEntry() != nil else { return }
        var parser = DelimitedRecordParser(separator: UInt8(ascii: ","), quoting: true)
        while true {
            let chunk = try reader.readChunk(maxBytes: 256 * 1024)
            if chunk.isEmpty { break }
            for row in parser.feed(chunk) {
                try body(row)
            }
        }
        if let row = parser.finish() {
            try body(row)
        }
    }
}

/// The parts of an S3 inventory `manifest.json` that matter here.
struct InventoryManifest: Decodable {
    struct File: Decodable {
        var key: String
    }

    var fileSchema: String
    var files: [File]
}
