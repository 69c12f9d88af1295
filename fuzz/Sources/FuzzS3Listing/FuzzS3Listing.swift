import CFuzzerDriver
@testable import PMCSource

/// One input: bytes as a ListObjectsV2 answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzS3Listing(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    _ = try? S3ListingParser.page(from: Array(UnsafeBufferPointer(start: data, count: size)), keyPrefix: "", file: "fuzz")
    return 0
}

/// The entry point SwiftPM links as `main` (libFuzzer's own `main` is left out): libFuzzer, running `fuzzS3Listing`.
@_cdecl("FuzzS3Listing_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzzer_run(argc, argv) { fuzzS3Listing($0, $1) }
}
