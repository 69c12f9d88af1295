/// The rules a sample must pass before any of its bytes are written, so a bad sample never
/// leaves half a sample in a shard.
enum SampleValidator {
    /// Throws unless `sample` has a usable key and distinct, well-formed member extensions.
    static func validate(_ sample: WebDatasetSample) throws {
        let key = sample.key
        guard !key.isEmpty else { throw WebDatasetError.invalidKey(key, reason: "empty") }
        // webdataset ends the key at the first dot of the base name; a '/' would make a folder.
        if key.contains(".") { throw WebDatasetError.invalidKey(key, reason: "contains '.'") }
        if key.contains("/") { throw WebDatasetError.invalidKey(key, reason: "contains '/'") }
        if key.utf8.contains(0) { throw WebDatasetError.invalidKey(key, reason: "contains NUL") }
        guard !sample.members.isEmpty else { throw WebDatasetError.emptySample(key) }
        var seen = Set<String>()
        for member in sample.members {
            let ext = member.ext
            guard !ext.isEmpty else { throw WebDatasetError.invalidExtension(key: key, ext: ext, reason: "empty") }
            let allowed = ext.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "A"..."Z", "a"..."z", "0"..."9", "_", "-", ".": true
                default: false
                }
            }
            guard allowed else {
                throw WebDatasetError.invalidExtension(key: key, ext: ext, reason: "only [A-Za-z0-9_.-] allowed")
            }
            if ext.hasPrefix(".") || ext.hasSuffix(".") || ext.contains("..") {
                throw WebDatasetError.invalidExtension(key: key, ext: ext, reason: "empty dot-separated part")
            }
            guard seen.insert(ext).inserted else {
                throw WebDatasetError.invalidExtension(key: key, ext: ext, reason: "repeated in the sample")
            }
            // Keys hold no '/', so the ustar prefix field cannot help: the whole name must fit 100 bytes.
            let length = key.utf8.count + 1 + ext.utf8.count
            if length > 100 {
                throw WebDatasetError.invalidKey(key, reason: "member name \(key).\(ext) is \(length) bytes; ustar allows 100")
            }
        }
    }
}
