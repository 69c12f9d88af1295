import Foundation
import TestSupport

/// Runs `Tests/Fixtures/read_parquet.py` (pyarrow + DuckDB) on written files and returns its JSON.
///
/// The interpreter is `BIOMEDICA_PYTHON`, else the checkout's `.venv/bin/python` when present,
/// else `python3` from PATH.
enum PythonReaders {
    /// The interpreter to run.
    static let python: String = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["BIOMEDICA_PYTHON"], !explicit.isEmpty { return explicit }
        let venv = SharedCorpus.repositoryRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }()

    /// The reader script.
    static let script = SharedCorpus.repositoryRoot.appendingPathComponent("Tests/Fixtures/read_parquet.py").path

    /// True when the interpreter imports pyarrow and duckdb.
    static let haveReaders: Bool = (try? run(["-c", "import pyarrow, duckdb"]).status) == 0

    /// Whether the reader tests run: always under CI (so a missing reader fails loudly there),
    /// elsewhere only when the readers are installed.
    static let enabled: Bool = ProcessInfo.processInfo.environment["CI"] != nil || haveReaders

    /// Where test files go: `BIOMEDICA_PARQUET_OUT` (kept for inspection) or a fresh temporary folder.
    static func outputDirectory() throws -> (url: URL, isTemporary: Bool) {
        if let path = ProcessInfo.processInfo.environment["BIOMEDICA_PARQUET_OUT"], !path.isEmpty {
            let url = URL(fileURLWithPath: path, isDirectory: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return (url, false)
        }
        return (try ParquetWriterTests.temporaryDirectory(), true)
    }

    /// Reads `files` with both readers; the result maps each path to its summary.
    static func summarize(_ files: [URL], rows: Bool, query: Bool) throws -> [String: Any] {
        var arguments = [script]
        if rows { arguments.append("--rows") }
        if query { arguments.append("--query") }
        arguments += files.map(\.path)
        let result = try run(arguments)
        guard result.status == 0 else {
            throw ReaderFailed(description: "read_parquet.py exited \(result.status): \(result.stderr)\(String(decoding: result.stdout.prefix(2_000), as: UTF8.self))")
        }
        guard let object = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any] else {
            throw ReaderFailed(description: "read_parquet.py printed no JSON object")
        }
        return object
    }

    /// The reader script failed or printed something unexpected.
    struct ReaderFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the interpreter with `arguments`, collecting stdout and stderr.
    private static func run(_ arguments: [String]) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        if python.contains("/") {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [python] + arguments
        }
        let stdout = FileManager.default.temporaryDirectory.appendingPathComponent("read-parquet-\(UUID().uuidString).out")
        let stderr = Pipe()
        // stdout goes to a file: the JSON can be megabytes, more than a pipe buffer holds before we read it.
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: stdout)
        defer { try? FileManager.default.removeItem(at: stdout) }
        process.standardOutput = outHandle
        process.standardError = stderr
        try process.run()
        let errorData = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try outHandle.close()
        return (process.terminationStatus, try Data(contentsOf: stdout), String(decoding: errorData, as: UTF8.self))
    }
}
