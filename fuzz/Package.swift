// swift-tools-version: 6.1
// libFuzzer harnesses for the parsers that read untrusted input. Build and run with fuzz/run.sh;
// they link libFuzzer, so they build only with -sanitize=fuzzer.
import PackageDescription

let harness: (String, [Target.Dependency]) -> Target = { name, dependencies in
    .executableTarget(name: name, dependencies: ["CFuzzerDriver"] + dependencies, path: "Sources/\(name)")
}

let package = Package(
    name: "biomedica-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "biomedica", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        harness("FuzzJATS", [.product(name: "JATS", package: "biomedica")]),
        harness("FuzzPubMed", [.product(name: "Entrez", package: "biomedica")]),
        harness("FuzzTar", [.product(name: "WebDataset", package: "biomedica")]),
        harness("FuzzNPY", [.product(name: "Annotation", package: "biomedica")]),
        harness("FuzzS3Listing", [.product(name: "PMCSource", package: "biomedica")]),
        harness("FuzzInventory", [.product(name: "PMCSource", package: "biomedica")]),
        harness("FuzzImageHeader", [.product(name: "Imaging", package: "biomedica")]),
    ],
    swiftLanguageModes: [.v6]
)
