extension SourceLayout {
    /// The files of `ref` (already `completed`) in this layout, in the source described as
    /// `source`: the cloud layout's XML (whose MD5 is the fingerprint) and media (with the MD5s the
    /// metadata publishes), or the legacy layout's one package, which has no published MD5.
    func cacheFiles(of ref: ArticleRef, source: String, limits: SourceLimits) -> [CacheFile] {
        switch self {
        case .legacy:
            return [CacheFile(
                key: ref.location, md5: nil, role: .package, limit: limits.archiveBytes, source: source, fingerprint: ref.fingerprint)]
        case .cloud:
            let xmlMD5 = CacheFile.isMD5(ref.fingerprint) ? ref.fingerprint : nil
            var files = [CacheFile(
                key: ref.location + ref.id.description + ".xml", md5: xmlMD5, role: .xml, limit: limits.xmlBytes,
                source: source, fingerprint: ref.fingerprint)]
            // Unsafe names are left out here; loading them fails as the source itself would fail them.
            for name in ref.mediaFiles ?? [] where RelativePath.isSafe(name) && !name.contains("/") {
                let md5 = ref.mediaChecksums[name].flatMap { CacheFile.isMD5($0) ? $0 : nil }
                files.append(CacheFile(
                    key: ref.location + name, md5: md5, role: .media(name), limit: limits.mediaBytes,
                    source: source, fingerprint: ref.fingerprint))
            }
            return files
        }
    }
}
