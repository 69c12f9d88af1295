import CFuzzerDriver
import JATS

/// One input: bytes as a JATS file; parsing must end, with articles or an error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJATS(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    _ = try? JATSParser.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The entry point SwiftPM links as `main` (libFuzzer's own `main` is left out): libFuzzer, running `fuzzJATS`.
@_cdecl("FuzzJATS_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzzer_run(argc, argv) { fuzzJATS($0, $1) }
}
