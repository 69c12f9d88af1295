import PMCModel

/// Turns a listed `metadata/PMCID.N.json` object into an `ArticleRef` by reading the file.
struct CloudMetadataReader: Sendable {
    let store: any ObjectStore
    let limits: SourceLimits

    /// The parsed metadata file at `key`.
    func metadata(key: String) async throws(SourceError) -> CloudMetadata {
        let bytes = try await store.get(key, limit: limits.metadataBytes)
        return try CloudMetadata.parse(bytes, file: store.location(of: key))
    }

    /// The reference for one listed article. Never fails: a metadata file that cannot be read
    /// gives a reference carrying the problem, so one bad file does not stop the listing.
    func ref(for listed: CloudKeyBatches.Listed) async -> ArticleRef {
        let fallbackFingerprint = listed.object.etag ?? listed.object.lastModified ?? "unknown"
        var ref = ArticleRef(
            id: listed.id, licenseCode: nil, pmid: nil, citation: nil, lastModified: listed.object.lastModified,
            fingerprint: fallbackFingerprint, location: "\(listed.id)/")
        do {
            let metadata = try await metadata(key: listed.object.key)
            ref.licenseCode = metadata.licenseCode
            ref.pmid = metadata.pmid
            ref.citation = metadata.citation
            // The XML's checksum changes exactly when the article's text does.
            ref.xmlChecksum = metadata.xmlURL.flatMap(CloudMetadata.md5(of:))
            ref.fingerprint = ref.xmlChecksum ?? fallbackFingerprint
            (ref.mediaFiles, ref.mediaChecksums) = metadata.media
            ref.doi = metadata.doi
            ref.title = metadata.title
        } catch {
            ref.listingProblem = error
        }
        return ref
    }
}
