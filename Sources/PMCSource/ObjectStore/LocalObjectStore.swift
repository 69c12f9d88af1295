import Foundation

/// A PMC Cloud layout mirrored in a local folder: key `A/B` is the file `root/A/B`.
public struct LocalObjectStore: ObjectStore {
    /// The folder that plays the bucket.
    public let root: URL
    private let snapshots = LocalListingSnapshots()

    /// A store over the folder at `root`.
    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// `folder PATH`.
    public var description: String { "folder \(root.path)" }

    /// The file's path.
    public func location(of key: String) -> String {
        root.appendingPathComponent(key).path
    }

    /// Lists like S3. The first page reads the folder once and later pages reuse that snapshot,
    /// so paging through a folder of millions of files costs one directory read, not one per page.
    public func listPage(prefix: String, delimiter: String?, continuationToken: String?, maxKeys: Int)
        async throws(SourceError) -> ObjectListingPage {
        let query = LocalListingSnapshots.Query(prefix: prefix, delimiter: delimiter)
        let kept = continuationToken == nil ? nil : snapshots.entries(for: query)
        let all = kept ?? snapshots.store(listing(query), for: query)
        // Keys strictly after the token, which is the last key of the previous page.
        let start = continuationToken.map { token in
            all.partitioningIndex { token.precedesInKeyOrder($0.key) }
        } ?? 0
        let page = all[start...].prefix(max(maxKeys, 1))
        var objects: [StoredObject] = []
        var prefixes: [String] = []
        for entry in page {
            if entry.isPrefix {
                prefixes.append(entry.key)
            } else {
                objects.append(describe(entry.key))
            }
        }
        let more = page.endIndex < all.endIndex
        return ObjectListingPage(objects: objects, commonPrefixes: prefixes, nextContinuationToken: more ? page.last?.key : nil)
    }

    /// Reads the file, refusing keys that would leave the folder, links that lead out of it and
    /// files that are not regular files.
    public func get(_ key: String, limit: Int) async throws(SourceError) -> [UInt8] {
        try LocalFile.read(path: safePath(of: key), within: root, limit: limit)
    }

    /// Copies the file in chunks, refusing keys that would leave the folder.
    public func download(_ key: String, to path: String, limit: Int) async throws(SourceError) -> DownloadedFile {
        let source = try safePath(of: key)
        return try LocalFile.copy(from: source, within: root, to: path, limit: limit, file: source)
    }

    /// The file's path; a key that climbs out of the folder with `..` or is absolute is refused.
    private func safePath(of key: String) throws(SourceError) -> String {
        guard RelativePath.isSafe(key) else {
            throw .transfer(file: location(of: key), reason: "the key leaves the store's folder")
        }
        return location(of: key)
    }

    private func describe(_ key: String) -> StoredObject {
        let attributes = try? FileManager.default.attributesOfItem(atPath: location(of: key))
        let modified = (attributes?[.modificationDate] as? Date)?.formatted(.iso8601)
        return StoredObject(key: key, size: attributes?[.size] as? Int, lastModified: modified)
    }

    /// Every key (and, with a delimiter, every rolled-up prefix) matching the query, in S3 order.
    private func listing(_ query: LocalListingSnapshots.Query) -> [LocalListingSnapshots.Entry] {
        let folderPart = query.prefix.lastIndex(of: "/").map { String(query.prefix[...$0]) } ?? ""
        let folder = root.appendingPathComponent(folderPart, isDirectory: true)
        var entries: [LocalListingSnapshots.Entry] = []
        if query.delimiter == "/" {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names {
                let key = folderPart + name
                guard key.hasPrefix(query.prefix) else { continue }
                var isFolder: ObjCBool = false
                // A dangling link has nothing to list.
                guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder) else { continue }
                entries.append(.init(key: isFolder.boolValue ? key + "/" : key, isPrefix: isFolder.boolValue))
            }
        } else if let walker = FileManager.default.enumerator(atPath: folder.path) {
            while let relative = walker.nextObject() as? String {
                let key = folderPart + relative
                guard walker.fileAttributes?[.type] as? FileAttributeType != .typeDirectory, key.hasPrefix(query.prefix) else { continue }
                entries.append(.init(key: key, isPrefix: false))
            }
        }
        return entries.sorted { $0.key.precedesInKeyOrder($1.key) }
    }
}

extension Collection {
    /// The first index whose element satisfies `belongs`, for a collection where every element
    /// that does comes after every one that does not (binary search).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongs(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
