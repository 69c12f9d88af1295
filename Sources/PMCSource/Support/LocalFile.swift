import Crypto
import Foundation
import PMCModel

/// Reading and copying local files with size limits, in chunks, so that no file is held whole
/// in memory on its way to another file.
enum LocalFile {
    /// The bytes moved per read while copying or hashing.
    static let chunkSize = 1 << 20

    /// The bytes of the file at `path`; `missingFile` when absent, `tooLarge` past `limit` bytes.
    static func read(path: String, limit: Int) throws(SourceError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .missingFile(file: path) }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? data.count
                throw SourceError.tooLarge(file: path, bytes: size, limit: limit)
            }
            return [UInt8](data)
        } catch let error as SourceError {
            throw error
        } catch {
            throw .transfer(file: path, reason: error.localizedDescription)
        }
    }

    /// Copies the file at `source` into a new file at `destination`, chunk by chunk, and returns its
    /// size and MD5, failing with `tooLarge` past `limit` bytes; `file` names the source in errors.
    /// A failed copy leaves no file.
    @discardableResult
    static func copy(from source: String, to destination: String, limit: Int, file: String) throws(SourceError) -> DownloadedFile {
        do {
            return try copyChunks(from: source, to: destination, limit: limit, file: file)
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
    }

    private static func copyChunks(from source: String, to destination: String, limit: Int, file: String) throws(SourceError) -> DownloadedFile {
        guard let input = FileHandle(forReadingAtPath: source) else { throw .missingFile(file: file) }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination, contents: nil),
              let output = FileHandle(forWritingAtPath: destination)
        else { throw .transfer(file: file, reason: "cannot create \(destination)") }
        defer { try? output.close() }
        do {
            var total = 0
            var digest = Insecure.MD5()
            while let chunk = try input.read(upToCount: chunkSize), !chunk.isEmpty {
                total += chunk.count
                guard total <= limit else { throw SourceError.tooLarge(file: file, bytes: total, limit: limit) }
                digest.update(data: chunk)
                try output.write(contentsOf: chunk)
            }
            return DownloadedFile(bytes: total, md5: digest.finalize().lowercaseHex)
        } catch let error as SourceError {
            throw error
        } catch {
            throw .transfer(file: file, reason: error.localizedDescription)
        }
    }
}
