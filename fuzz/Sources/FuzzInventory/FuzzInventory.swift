import CFuzzerDriver
import Foundation
@testable import PMCSource

/// One input: an S3 inventory manifest (JSON), a NUL byte, and one of its CSV.gz files; the rows
/// are read through the columns the manifest's schema names.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInventory(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    guard let manifest = try? JSONDecoder().decode(InventoryManifest.self, from: Data(bytes[..<split])),
          let columns = try? InventoryColumns(schema: manifest.fileSchema, file: "fuzz")
    else { return 0 }
    let gzipped = Array(bytes[min(split + 1, bytes.endIndex)...])
    try? InventoryReader.readRows(of: gzipped, file: "fuzz") { row in _ = columns.object(in: row) }
    return 0
}

/// The entry point SwiftPM links as `main` (libFuzzer's own `main` is left out): libFuzzer, running `fuzzInventory`.
@_cdecl("FuzzInventory_main")
func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    fuzzer_run(argc, argv) { fuzzInventory($0, $1) }
}
