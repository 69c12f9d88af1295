import Crypto
import Foundation
import PMCModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and copying local files with size limits, in chunks, so that no file is held whole
/// in memory on its way to another file.
///
/// A local source is untrusted: its files are read only when they are regular files (a FIFO
/// would hang the run, a device never ends) and, when the source's folder is given, only when
/// they lie inside it once every link is followed (a link to `/etc/passwd`, or to images of
/// another collection, is not the source's file).
enum LocalFile {
    /// The bytes moved per read while copying or hashing.
    static let chunkSize = 1 << 20

    /// The path of the file at `path` with every link followed, checked to be a regular file
    /// inside `root` (when given); `file` names it in errors.
    /// - Throws: `missingFile` when absent, `unsafeFile` when outside `root` or not a regular file.
    static func checkedPath(_ path: String, within root: URL?, file: String) throws(SourceError) -> String {
        guard let resolved = realPath(path) else { throw .missingFile(file: file) }
        if let root {
            let folder = realPath(root.path) ?? root.standardizedFileURL.path
            guard resolved == folder || resolved.hasPrefix(folder == "/" ? "/" : folder + "/") else {
                throw .unsafeFile(file: file, reason: "a link that leads out of the source's folder, to \(resolved)")
            }
        }
        var status = stat()
        guard stat(resolved, &status) == 0 else { throw .missingFile(file: file) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unsafeFile(file: file, reason: "not a regular file") }
        return resolved
    }

    /// The file at `path`, checked as `checkedPath` checks it, open for reading.
    static func open(_ path: String, within root: URL?, file: String) throws(SourceError) -> FileHandle {
        let resolved = try checkedPath(path, within: root, file: file)
        let descriptor = openWithoutBlocking(resolved)
        guard descriptor >= 0 else { throw .missingFile(file: file) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .unsafeFile(file: file, reason: "not a regular file")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// The bytes of the file at `path` (inside `root` when given); `missingFile` when absent,
    /// `unsafeFile` when not the source's regular file, `tooLarge` past `limit` bytes.
    static func read(path: String, within root: URL?, limit: Int) throws(SourceError) -> [UInt8] {
        let handle = try open(path, within: root, file: path)
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: limit + 1) ?? Data()
            guard data.count <= limit else {
                let size = (try? handle.seekToEnd()).map(Int.init) ?? data.count
                throw SourceError.tooLarge(file: path, bytes: size, limit: limit)
            }
            return [UInt8](data)
        } catch let error as SourceError {
            throw error
        } catch {
            throw .transfer(file: path, reason: error.localizedDescription)
        }
    }

    /// Copies the file at `source` (inside `root` when given) into a new file at `destination`,
    /// chunk by chunk, and returns its size and MD5, failing with `tooLarge` past `limit` bytes;
    /// `file` names the source in errors. A failed copy leaves no file.
    @discardableResult
    static func copy(from source: String, within root: URL?, to destination: String, limit: Int, file: String) throws(SourceError) -> DownloadedFile {
        do {
            return try copyChunks(from: source, within: root, to: destination, limit: limit, file: file)
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            throw error
        }
    }

    private static func copyChunks(
        from source: String, within root: URL?, to destination: String, limit: Int, file: String
    ) throws(SourceError) -> DownloadedFile {
        let input = try open(source, within: root, file: file)
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

    /// `path` with every link and `..` resolved; nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Opens `path` to read without blocking, so that a FIFO put there since it was checked cannot
/// hang the open; -1 on failure.
private func openWithoutBlocking(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
}
