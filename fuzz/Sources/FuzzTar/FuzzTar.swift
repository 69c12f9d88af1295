import CFuzzerDriver
import Foundation
import WebDataset

/// The file each input is written to: the shard reader reads files.
private let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-tar-\(getpid()).tar")

/// One input: bytes as a shard, read entry by entry and as samples.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTar(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard (try? Data(bytes: data, count: size).write(to: path)) != nil else { return 0 }
    if let reader = try? TarReader(url: path) { _ = try? reader.readAll() }
    _ = try? ShardReader.readAll(url: path)
    return 0
}

/// The entry point SwiftPM links as `main` (libFuzzer's own `main` is left out): libFuzzer, running `fuzzTar`.
@_cdecl("FuzzTar_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzzer_run(argc, argv) { fuzzTar($0, $1) }
}
