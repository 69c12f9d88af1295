import Foundation
import TestSupport
import Testing

/// A real S3-compatible server (moto) on 127.0.0.1, run by `Tests/Fixtures/s3_server.py`, for
/// the tests that read the cloud layout over HTTP. Nothing but loopback is ever contacted.
final class MotoServer {
    /// The Python that has moto and boto3: `BIOMEDICA_PYTHON` (the CI's virtual environment), else `python3`.
    static let python = ProcessInfo.processInfo.environment["BIOMEDICA_PYTHON"] ?? "python3"

    /// True when `python` can import moto's server and boto3.
    static let isAvailable: Bool = {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = [python, "-c", "import moto.server, boto3"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }()

    /// On CI the S3 tests must run: a missing moto is a failure there, not a skip.
    static let isRequired = ProcessInfo.processInfo.environment["CI"] != nil

    /// Why the S3 tests are skipped elsewhere.
    static let absenceNote: Comment = "needs python3 with moto and boto3 (or BIOMEDICA_PYTHON); skipped without them unless CI is set"

    /// The server's base URL, `http://127.0.0.1:PORT`.
    let endpoint: String
    private let process: Process
    private let input: Pipe

    /// Starts a server holding `bucket` with each folder uploaded under its key prefix, and waits
    /// until it is ready.
    init(bucket: String, uploads: [(prefix: String, folder: URL)]) async throws {
        let script = SharedCorpus.repositoryRoot.appendingPathComponent("Tests/Fixtures/s3_server.py")
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Self.python, script.path, bucket] + uploads.map { "\($0.prefix)=\($0.folder.path)" }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.input = input
        do {
            endpoint = try await Self.firstLine(of: output.fileHandleForReading)
        } catch {
            process.terminate()
            process.waitUntilExit()
            throw error
        }
    }

    /// Stops the server and waits for it to exit, so no process outlives the test.
    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// The script prints its endpoint once the bucket is filled; reading blocks, so it happens off the test's executor.
    private static func firstLine(of handle: FileHandle) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var bytes = Data()
                while !bytes.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(chunk)
                }
                guard let line = String(data: bytes, encoding: .utf8)?.split(separator: "\n").first, line.hasPrefix("http://127.0.0.1:") else {
                    continuation.resume(throwing: StartFailure(output: String(decoding: bytes, as: UTF8.self)))
                    return
                }
                continuation.resume(returning: String(line))
            }
        }
    }

    /// The fixture script exited or printed something other than a loopback endpoint.
    struct StartFailure: Error, CustomStringConvertible {
        var output: String
        var description: String {
            "Tests/Fixtures/s3_server.py did not start (printed '\(output)'); run it by hand with \(MotoServer.python) to see why"
        }
    }
}
