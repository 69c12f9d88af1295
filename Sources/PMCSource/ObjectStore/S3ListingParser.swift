import XML

/// Reads an S3 `ListObjectsV2` answer (`ListBucketResult` XML) into a page.
enum S3ListingParser {
    /// The page in `bytes`, with `keyPrefix` taken off every key and prefix; `file` names the request in errors.
    static func page(from bytes: [UInt8], keyPrefix: String, file: String) throws(SourceError) -> ObjectListingPage {
        let document: XMLDocument
        do {
            document = try XMLDocument(bytes: bytes)
        } catch {
            throw .transfer(file: file, reason: "the listing is not XML: \(error)")
        }
        guard let root = document.root, root.isNamed("ListBucketResult") else {
            let code = document.root?.firstChild(named: "Code")?.textContent ?? document.root?.name ?? "empty answer"
            throw .transfer(file: file, reason: "the listing answer is not a ListBucketResult: \(code)")
        }
        let objects = root.children(named: "Contents").compactMap { contents -> StoredObject? in
            guard let key = contents.firstChild(named: "Key")?.textContent, key.hasPrefix(keyPrefix) else { return nil }
            return StoredObject(
                key: String(key.dropFirst(keyPrefix.count)),
                size: contents.firstChild(named: "Size").flatMap { Int($0.textContent) },
                etag: contents.firstChild(named: "ETag").map { unquoted($0.textContent) },
                lastModified: contents.firstChild(named: "LastModified")?.textContent)
        }
        let prefixes = root.children(named: "CommonPrefixes").compactMap { element -> String? in
            guard let prefix = element.firstChild(named: "Prefix")?.textContent, prefix.hasPrefix(keyPrefix) else { return nil }
            return String(prefix.dropFirst(keyPrefix.count))
        }
        let truncated = root.firstChild(named: "IsTruncated")?.textContent == "true"
        let token = truncated ? root.firstChild(named: "NextContinuationToken")?.textContent : nil
        if truncated && token == nil {
            throw .transfer(file: file, reason: "a truncated listing without a NextContinuationToken")
        }
        return ObjectListingPage(objects: objects, commonPrefixes: prefixes, nextContinuationToken: token)
    }

    /// S3 writes ETags in double quotes.
    private static func unquoted(_ text: String) -> String {
        text.trimmingWhitespace().trimmingCharacters(in: "\"")
    }
}

extension String {
    /// The text without any of `characters` at either end.
    fileprivate func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        guard let first = firstIndex(where: { !set.contains($0) }), let last = lastIndex(where: { !set.contains($0) }) else { return "" }
        return String(self[first...last])
    }
}
