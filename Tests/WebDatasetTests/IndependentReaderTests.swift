import Foundation
import Testing
import TestSupport
import WebDataset

/// Runs a program and returns its exit status and standard output (standard error is appended on failure).
private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let stdout = Pipe(), stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Read before waiting so a large output cannot fill the pipe and block the child.
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: out, as: UTF8.self)
    return (process.terminationStatus, process.terminationStatus == 0 ? text : text + String(decoding: err, as: UTF8.self))
}

/// Which external readers this machine has.
enum ExternalReaders {
    /// `BIOMEDICA_PYTHON`, else `python3`.
    static let python = ProcessInfo.processInfo.environment["BIOMEDICA_PYTHON"] ?? "python3"
    /// True on CI: there a missing reader fails the test instead of skipping it.
    static let isCI = ProcessInfo.processInfo.environment["CI"] != nil

    /// Python with the `webdataset` package importable.
    static let hasPythonWebDataset: Bool = (try? run(python, ["-c", "import webdataset"]).status) == 0
    /// GNU tar (its `--version` says so; bsdtar lists differently).
    static let hasGNUTar: Bool = (try? run("tar", ["--version"]).output.contains("GNU tar")) == true
}

/// Shards written by our writer must read the same in Python's tarfile, the webdataset package
/// and GNU tar: those are what users and training code will open them with.
@Suite("Independent readers")
struct IndependentReaderTests {
    private let samples = (0..<23).map { makeSample($0, imageBytes: 700) }

    // Skipped (not failed) where python3 + webdataset are missing, e.g. a fresh laptop checkout;
    // on CI (env CI set) the test runs and fails loudly instead. Install with
    // `pip install webdataset==1.0.2` (see Tests/python/requirements.txt) or set BIOMEDICA_PYTHON.
    @Test(.enabled(if: ExternalReaders.hasPythonWebDataset || ExternalReaders.isCI,
                   "needs python3 with webdataset 1.0.2 (or BIOMEDICA_PYTHON); required when CI is set"))
    func pythonTarfileAndWebDataset() throws {
        try #require(ExternalReaders.hasPythonWebDataset, "\(ExternalReaders.python) cannot import webdataset")
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let shards = try writeShards(samples, to: folder.url, options: .init(maxSamples: 10, modificationTime: 1_700_000_000))
        #expect(shards.count == 3)
        let script = SharedCorpus.repositoryRoot.appendingPathComponent("Tests/Fixtures/read_webdataset.py").path
        let paths = shards.map { folder.url.appendingPathComponent($0.name).path }
        let result = try run(ExternalReaders.python, [script] + paths)
        try #require(result.status == 0, "read_webdataset.py failed: \(result.output)")
        let summary = try JSONDecoder().decode(Summary.self, from: Data(result.output.utf8))

        // tarfile: every member, in order, with our fixed header fields.
        let members = summary.tarfile.flatMap(\.members)
        #expect(summary.tarfile.map(\.shard) == shards.map(\.name))
        #expect(members.map(\.name) == samples.flatMap { s in s.members.map { "\(s.key).\($0.ext)" } })
        #expect(members.map(\.size) == samples.flatMap { $0.members.map(\.data.count) })
        #expect(members.allSatisfy { $0.mode == 0o644 && $0.uid == 0 && $0.gid == 0 && $0.mtime == 1_700_000_000 && $0.type == "0" })

        // webdataset: one sample per key, exactly jpg + json + txt, same content.
        let read = summary.webdataset
        #expect(read.map(\.key) == samples.map(\.key))
        #expect(Set(read.map(\.key)).count == read.count)
        for (got, written) in zip(read, samples) {
            #expect(got.extensions == ["jpg", "json", "txt"])
            #expect(got.txt.map { Data($0.utf8) } == written.member("txt"))
            #expect(got.json?["image_id"] != nil)
        }
        #expect(read.map(\.url) == samples.indices.map { shards[$0 / 10].name })
    }

    @Test(.enabled(if: ExternalReaders.hasGNUTar || ExternalReaders.isCI, "needs GNU tar; required when CI is set"))
    func gnuTarLists() throws {
        try #require(ExternalReaders.hasGNUTar, "GNU tar is not on PATH")
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let shards = try writeShards(samples, to: folder.url)
        let path = folder.url.appendingPathComponent(shards[0].name).path
        let names = try run("tar", ["-tf", path])
        try #require(names.status == 0, "tar -tf failed: \(names.output)")
        #expect(names.output.split(separator: "\n").map(String.init) == samples.flatMap { s in s.members.map { "\(s.key).\($0.ext)" } })
        let verbose = try run("tar", ["--numeric-owner", "-tvf", path])
        try #require(verbose.status == 0, "tar -tvf failed: \(verbose.output)")
        let first = verbose.output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("-rw-r--r-- 0/0"))
        // mtime 0 prints as 1970-01-01 in UTC, or 1969-12-31 west of Greenwich.
        #expect(first.contains("1970-01-01") || first.contains("1969-12-31"))
        #expect(first.hasSuffix("\(samples[0].key).jpg"))
    }
}

/// The JSON that read_webdataset.py prints.
private struct Summary: Decodable {
    struct Shard: Decodable {
        var shard: String
        var members: [Member]
    }
    struct Member: Decodable {
        var name: String
        var size: Int
        var mode: Int
        var mtime: Int
        var uid: Int
        var gid: Int
        var type: String
    }
    struct Sample: Decodable {
        var key: String
        var url: String
        var extensions: [String]
        var txt: String?
        var json: [String: JSONValue]?
    }
    var tarfile: [Shard]
    var webdataset: [Sample]
}

/// Any JSON value; the test only checks that fields are present.
private enum JSONValue: Decodable, Equatable {
    case number(Double), string(String), other
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else { self = .other }
    }
}
