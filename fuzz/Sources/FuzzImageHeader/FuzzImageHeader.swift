import CFuzzerDriver
import Imaging

/// One input: bytes as an image file; its header is read (by signature, then libvips), never its pixels.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImageHeader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    _ = try? ImageProcessor().header(of: Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The entry point SwiftPM links as `main` (libFuzzer's own `main` is left out): libFuzzer, running `fuzzImageHeader`.
@_cdecl("FuzzImageHeader_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzzer_run(argc, argv) { fuzzImageHeader($0, $1) }
}
