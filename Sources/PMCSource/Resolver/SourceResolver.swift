import Foundation
import Transport

/// Turns the command line's `--source VALUE [--endpoint URL] [--layout cloud|legacy]` into a source.
///
/// - `pmc`: PMC's public bucket `pmc-oa-opendata` over anonymous HTTPS.
/// - `s3://BUCKET[/PREFIX]`: that bucket in the PMC Cloud layout, at `--endpoint` (path-style, for
///   MinIO or moto) or on AWS S3 when no endpoint is given.
/// - `http(s)://...`: a mirror of the legacy FTP layout, or with `--layout cloud` an S3-compatible
///   bucket URL (`http://host:9000/BUCKET`).
/// - anything else is a local folder: the legacy layout when it holds `oa_file_list.csv` or
///   `oa_file_list.txt`, else the cloud layout; `--layout` overrides the guess.
///
/// Network sources send their requests through `transport`, which the caller owns:
/// `HTTPTransport.shared` (the default) lives for the whole process and needs no shutdown; one the
/// caller made must be shut down by the caller once it is done with the source. A bucket's metadata
/// files are read as many at a time as the transport has connections.
public enum SourceResolver {
    /// The source `value` names. With `probe` (the default) a network source is contacted once so
    /// that a wrong URL or a dead endpoint fails here, as `unreachable`, rather than mid-run.
    public static func resolve(
        _ value: String, endpoint: String? = nil, layout: SourceLayout? = nil,
        transport: HTTPTransport = .shared, probe: Bool = true
    ) async throws(SourceError) -> any ArticleSource {
        let lowercased = value.lowercased()
        if endpoint != nil && !lowercased.hasPrefix("s3://") {
            throw .unreachable(source: value, reason: "--endpoint applies only to s3:// sources")
        }
        if value == "pmc" || lowercased.hasPrefix("s3://") {
            guard layout != .legacy else {
                throw .unreachable(source: value, reason: "a bucket holds the cloud layout; the legacy layout is read from a folder or an http(s) URL")
            }
            let source = value == "pmc" ? CloudSource.pmcOpenData(transport: transport) : bucketSource(value, endpoint: endpoint, transport: transport)
            if probe { try await probeBucket(source, named: value) }
            return source
        }
        if lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") {
            return try await webSource(value, layout: layout, transport: transport, probe: probe)
        }
        return try folderSource(URL(fileURLWithPath: value, isDirectory: true), layout: layout)
    }

    /// `s3://BUCKET[/PREFIX]` at `endpoint`, or on AWS.
    private static func bucketSource(_ value: String, endpoint: String?, transport: HTTPTransport) -> CloudSource {
        let path = value.dropFirst("s3://".count)
        let bucket = String(path.prefix { $0 != "/" })
        let prefix = String(path.dropFirst(bucket.count).drop { $0 == "/" })
        let store = endpoint.map { S3ObjectStore(endpoint: $0, bucket: bucket, keyPrefix: prefix, transport: transport) }
            ?? S3ObjectStore.aws(bucket: bucket, keyPrefix: prefix, transport: transport)
        return CloudSource(store: store, inventoryBucket: bucket, concurrency: transport.settings.connections)
    }

    private static func webSource(
        _ value: String, layout: SourceLayout?, transport: HTTPTransport, probe: Bool
    ) async throws(SourceError) -> any ArticleSource {
        if layout == .cloud {
            let store = S3ObjectStore(bucketURL: value, transport: transport)
            let bucket = URL(string: value)?.lastPathComponent.nonEmpty ?? PMCOpenData.bucket
            let source = CloudSource(store: store, inventoryBucket: bucket, concurrency: transport.settings.connections)
            if probe { try await probeBucket(source, named: value) }
            return source
        }
        guard probe else { return LegacySource(baseURL: value, transport: transport) }
        let fetcher = HTTPFetcher(transport: transport).probing
        let base = value.hasSuffix("/") ? value : value + "/"
        for name in LegacySource.fileListNames {
            do {
                if try await fetcher.exists(base + name, file: base + name) {
                    return LegacySource(baseURL: base, fileListName: name, transport: transport)
                }
            } catch {
                throw .unreachable(source: value, reason: error.description)
            }
        }
        throw .unreachable(source: value, reason: "no \(LegacySource.fileListNames.joined(separator: " or ")) there")
    }

    private static func folderSource(_ folder: URL, layout: SourceLayout?) throws(SourceError) -> any ArticleSource {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .unreachable(source: folder.path, reason: "no such folder")
        }
        let hasFileList = LegacySource.fileListNames.contains { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        switch layout ?? (hasFileList ? .legacy : .cloud) {
        case .legacy: return try LegacySource(folder: folder)
        case .cloud: return CloudSource(store: LocalObjectStore(root: folder))
        }
    }

    /// One small listing request, so a wrong bucket or a dead endpoint shows up at once.
    private static func probeBucket(_ source: CloudSource, named value: String) async throws(SourceError) {
        guard var store = source.store as? S3ObjectStore else { return }
        store.fetcher = store.fetcher.probing
        do {
            _ = try await store.listPage(prefix: "metadata/", delimiter: "/", continuationToken: nil, maxKeys: 1)
        } catch {
            throw .unreachable(source: value, reason: error.description)
        }
    }
}

extension String {
    /// The text, or nil when it is empty.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
