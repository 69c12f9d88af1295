import Foundation

/// A folder of article files stored by content: `objects/ab/abcdef...`, named by each file's
/// `CacheFile.identity`. Files arrive in `tmp/` and are renamed into `objects/` only once verified,
/// so a killed download leaves at most a stray temporary file, never a partial object; the
/// temporary files are never read, and several processes may fill one cache at once. Stray
/// temporary files are deleted when a cache is opened once they are old enough to be abandoned.
public struct ContentCache: Sendable {
    /// The cache's folder.
    public let root: URL

    /// How old a temporary file of another machine must be to count as abandoned: a process there
    /// cannot be asked whether it still runs, and a recorded listing may go hours between writes.
    public static let abandonedAfter: Duration = .seconds(2 * 86_400)

    /// The cache in `root`, creating its folders when they are absent, and deleting what killed
    /// runs left in `tmp/`: at once for a process of this machine that no longer runs, after
    /// `abandonedAfter` for one of another machine sharing the cache.
    public init(root: URL) throws(SourceError) {
        self.root = root.standardizedFileURL
        for folder in [objectsFolder, temporaryFolder, listingsFolder] {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .unreachable(source: root.path, reason: "cannot create the cache folder \(folder.path): \(error.localizedDescription)")
            }
        }
        deleteAbandonedTemporaryFiles()
    }

    /// Deletes the temporary files no live process can be writing any more.
    private func deleteAbandonedTemporaryFiles() {
        let cutoff = Date().addingTimeInterval(-Double(Self.abandonedAfter.components.seconds))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryFolder.path)) ?? []
        for name in names {
            let path = temporaryFolder.appendingPathComponent(name).path
            let writer = TemporaryFileWriter(fileName: name)
            let isAbandoned: Bool
            if let writer, writer.host == TemporaryFileWriter.current.host {
                isAbandoned = !writer.isRunning
            } else {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                isAbandoned = modified.map { $0 < cutoff } ?? false
            }
            if isAbandoned {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// Where the cache keeps `file` once it is complete.
    public func path(of file: CacheFile) -> String {
        objectsFolder.appendingPathComponent(String(file.identity.prefix(2))).appendingPathComponent(file.identity).path
    }

    /// True when the cache holds `file`.
    public func contains(_ file: CacheFile) -> Bool {
        FileManager.default.fileExists(atPath: path(of: file))
    }

    /// Puts `file` into the cache unless it is there already: `download` writes it to the
    /// temporary path it is given and returns its size and MD5, the MD5 is checked against the
    /// published one (where there is one), and the file is renamed into place. A file that fails is
    /// deleted and never enters the cache; `name` names it in errors.
    public func fill(
        _ file: CacheFile, name: String, download: (String) async throws(SourceError) -> DownloadedFile
    ) async throws(SourceError) -> CacheFill {
        let destination = path(of: file)
        if FileManager.default.fileExists(atPath: destination) { return .alreadyCached }
        let temporary = temporaryPath(named: file.identity)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let downloaded = try await download(temporary)
        if let expected = file.md5, downloaded.md5 != expected {
            throw .checksumMismatch(file: name, expected: expected, actual: downloaded.md5)
        }
        do {
            try FileManager.default.createDirectory(
                atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw .transfer(file: name, reason: "cannot create a cache folder: \(error.localizedDescription)")
        }
        // rename(2) is atomic and replaces a copy another process finished meanwhile, which holds the same bytes.
        guard rename(temporary, destination) == 0 else {
            throw .transfer(file: name, reason: "cannot move the download into the cache: \(String(cString: strerror(errno)))")
        }
        return .fetched(bytes: downloaded.bytes)
    }

    /// The folder of the recorded listing of the source that `sourceKey` names.
    func listingFolder(for sourceKey: String) -> URL {
        let identity = CacheFile(key: sourceKey, md5: nil, role: .xml, limit: 0, source: "listing", fingerprint: "").identity
        return listingsFolder.appendingPathComponent(identity, isDirectory: true)
    }

    /// A new temporary path inside the cache, on the same file system as its objects, naming this
    /// process so that a later run can tell whether it was abandoned.
    func temporaryPath(named name: String) -> String {
        temporaryFolder.appendingPathComponent(TemporaryFileWriter.current.fileName(for: name)).path
    }

    private var objectsFolder: URL { root.appendingPathComponent("objects", isDirectory: true) }
    private var temporaryFolder: URL { root.appendingPathComponent("tmp", isDirectory: true) }
    private var listingsFolder: URL { root.appendingPathComponent("listings", isDirectory: true) }
}

/// What putting one file into the content cache did.
public enum CacheFill: Sendable, Hashable {
    /// The file was there already; nothing was transferred.
    case alreadyCached
    /// The file was transferred and verified: this many bytes.
    case fetched(bytes: Int)
}
