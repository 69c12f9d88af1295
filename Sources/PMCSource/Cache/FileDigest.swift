import Crypto
import PMCModel
import Foundation

/// Digests of files on disk, read in chunks so that a large file never sits whole in memory.
enum FileDigest {
    /// The MD5 (lowercase hex) and size of the file at `path`.
    static func md5(path: String, file: String) throws(SourceError) -> (md5: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .missingFile(file: path) }
        defer { try? handle.close() }
        var hash = Insecure.MD5()
        var bytes = 0
        do {
            while let chunk = try handle.read(upToCount: LocalFile.chunkSize), !chunk.isEmpty {
                hash.update(data: chunk)
                bytes += chunk.count
            }
        } catch {
            throw .transfer(file: file, reason: "cannot read the download back: \(error.localizedDescription)")
        }
        return (hash.finalize().lowercaseHex, bytes)
    }
}
