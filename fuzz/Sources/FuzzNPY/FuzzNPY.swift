import CFuzzerDriver
import Annotation
import Foundation

/// The file each input is written to: the NumPy reader reads files.
private let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-npy-\(getpid()).npy").path

/// One input: bytes as a `.npy` file, read as a feature matrix and as labels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard (try? Data(bytes: data, count: size).write(to: URL(fileURLWithPath: path))) != nil else { return 0 }
    _ = try? NPYFile.read(path)
    _ = try? NPYFile.readLabels(path)
    return 0
}

/// The entry point SwiftPM links as `main` (libFuzzer's own `main` is left out): libFuzzer, running `fuzzNPY`.
@_cdecl("FuzzNPY_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzzer_run(argc, argv) { fuzzNPY($0, $1) }
}
