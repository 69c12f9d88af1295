import CFuzzerDriver
import Entrez

/// One input: bytes as an efetch answer (a PubmedArticleSet).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPubMed(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    _ = try? PubMedParser.parse(Array(UnsafeBufferPointer(start: data, count: size)), source: "fuzz")
    return 0
}

/// The entry point SwiftPM links as `main` (libFuzzer's own `main` is left out): libFuzzer, running `fuzzPubMed`.
@_cdecl("FuzzPubMed_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzzer_run(argc, argv) { fuzzPubMed($0, $1) }
}
