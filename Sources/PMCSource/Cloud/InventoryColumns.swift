import Foundation

/// Where the fields of an S3 inventory CSV row are, read from the manifest's `fileSchema`
/// (`Bucket, Key, Size, LastModifiedDate, ETag, ...`), which may list any subset in any order.
struct InventoryColumns: Sendable {
    private let key: Int
    private let size: Int?
    private let lastModified: Int?
    private let etag: Int?
    private let isLatest: Int?
    private let isDeleteMarker: Int?

    /// The columns of `schema`; `file` names the manifest in the error when there is no `Key`.
    init(schema: String, file: String) throws(SourceError) {
        let names = schema.split(separator: ",").map { $0.trimmingWhitespace() }
        guard let key = names.firstIndex(of: "Key") else {
            throw .badMetadata(file: file, reason: "the inventory fileSchema '\(schema)' has no Key column")
        }
        self.key = key
        size = names.firstIndex(of: "Size")
        lastModified = names.firstIndex(of: "LastModifiedDate")
        etag = names.firstIndex(of: "ETag")
        isLatest = names.firstIndex(of: "IsLatest")
        isDeleteMarker = names.firstIndex(of: "IsDeleteMarker")
    }

    /// The object a row describes, or nil for a short row, a delete marker or an older version.
    func object(in row: [String]) -> StoredObject? {
        guard key < row.count,
              field(isLatest, row) != "false",
              field(isDeleteMarker, row) != "true"
        else { return nil }
        // Inventory reports URL-encode their keys.
        let encoded = row[key]
        return StoredObject(
            key: encoded.removingPercentEncoding ?? encoded,
            size: field(size, row).flatMap { Int($0) },
            etag: field(etag, row),
            lastModified: field(lastModified, row))
    }

    private func field(_ index: Int?, _ row: [String]) -> String? {
        guard let index, index < row.count, !row[index].isEmpty else { return nil }
        return row[index]
    }
}
