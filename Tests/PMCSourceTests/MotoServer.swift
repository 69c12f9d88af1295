import Foundation
import TestSupport
import Testing

/// A real S3-compatible server (moto) on 127.0.0.1, run by `Tests/Fixtures/s3_server.py`, for
/// the tests that read the cloud layout over HTTP. Nothing but loopback is ever contacted.
final class MotoServer {
    /// True when the fixtures' Python can import moto's server and boto3.
    static let isAvailable = FixtureServer.canImport("moto.server, boto3")

    /// On CI the S3 tests must run: a missing moto is a failure there, not a skip.
    static let isRequired = ProcessInfo.processInfo.environment["CI"] != nil

    /// Why the S3 tests are skipped elsewhere.
    static let absenceNote: Comment = "needs python3 with moto and boto3 (or BIOMEDICA_PYTHON); skipped without them unless CI is set"

    /// The server's base URL, `http://127.0.0.1:PORT`.
    var endpoint: String { server.endpoint }
    private let server: FixtureServer

    /// Starts a server holding `bucket` with each folder uploaded under its key prefix, and waits
    /// until it is ready.
    init(bucket: String, uploads: [(prefix: String, folder: URL)]) async throws {
        server = try await FixtureServer(
            script: "s3_server.py", arguments: [bucket] + uploads.map { "\($0.prefix)=\($0.folder.path)" })
    }

    /// Stops the server.
    func stop() { server.stop() }
}
