import Foundation

/// A server run by a Python script of `Tests/Fixtures` on 127.0.0.1: the script prints its base
/// URL on its first line of output once ready, and exits when its standard input closes.
public final class FixtureServer {
    /// The Python that runs the fixtures: `BIOMEDICA_PYTHON` (the CI's virtual environment), else `python3`.
    public static let python = ProcessInfo.processInfo.environment["BIOMEDICA_PYTHON"] ?? "python3"

    /// True when `python` runs and can import `modules` (a comma-separated list, as `import` takes it).
    public static func canImport(_ modules: String) -> Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = [python, "-c", "import \(modules)"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    /// The server's base URL, `http://127.0.0.1:PORT`.
    public let endpoint: String
    private let process: Process
    private let input: Pipe

    /// Starts `Tests/Fixtures/SCRIPT` with `arguments` and waits until it is ready.
    public init(script: String, arguments: [String]) async throws {
        let path = SharedCorpus.repositoryRoot.appendingPathComponent("Tests/Fixtures/\(script)").path
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [Self.python, path] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.input = input
        do {
            endpoint = try await Self.firstLine(of: output.fileHandleForReading, script: script)
        } catch {
            process.terminate()
            throw error
        }
    }

    /// Stops the server: closes its input and sends it SIGTERM, which ends a Python script at
    /// once, so no process outlives the test. It does not wait for the exit: `waitUntilExit`
    /// spins a run loop on the test's thread, and blocking the few threads Swift concurrency has
    /// (two on a two-core machine) stalls every test running beside it for up to a second.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    /// Reading blocks, so it happens on a thread of its own: blocking one of Dispatch's few
    /// shared threads (two on a two-core machine) would stall the other tests running meanwhile.
    private static func firstLine(of handle: FileHandle, script: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                var bytes = Data()
                while !bytes.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(chunk)
                }
                guard let line = String(data: bytes, encoding: .utf8)?.split(separator: "\n").first, line.hasPrefix("http://127.0.0.1:") else {
                    continuation.resume(throwing: StartFailure(script: script, output: String(decoding: bytes, as: UTF8.self)))
                    return
                }
                continuation.resume(returning: String(line))
            }
        }
    }

    /// The fixture script exited or printed something other than a loopback endpoint.
    public struct StartFailure: Error, CustomStringConvertible {
        public var script: String
        public var output: String
        public var description: String {
            "Tests/Fixtures/\(script) did not start (printed '\(output)'); run it by hand with \(FixtureServer.python) to see why"
        }
    }
}
