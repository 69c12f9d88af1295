// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "biomedica",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "biomedica", targets: ["biomedica"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C shims: the only places that see libxml2's and libarchive's pointers.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CSafeXMLParser", dependencies: ["CLibXML2"]),
        .systemLibrary(name: "CLibVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .target(name: "CImageShim", dependencies: ["CLibVips"]),
        .systemLibrary(name: "CLibArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        // The cores a process may use (its CPU affinity and cgroup CPU limit), which Foundation does not tell.
        .target(name: "CAvailableCores"),
        // PCA and nearest-centroid search through faiss, and our own exact k-means, behind a few extern "C" functions.
        .target(name: "CFaiss", linkerSettings: [
            .linkedLibrary("faiss"), .linkedLibrary("openblas"), .linkedLibrary("gomp"),
        ]),

        // Value types shared by every layer: identifiers, licenses, sharding.
        .target(name: "PMCModel"),
        // A safe, read-only Swift view of an XML document parsed by libxml2 with every network and entity feature off.
        .target(name: "XML", dependencies: ["CLibXML2", "CSafeXMLParser"]),
        // JATS XML -> Article: pure, bytes in, values out.
        .target(name: "JATS", dependencies: ["PMCModel", "XML"]),
        // The HTTP client every network stage shares: connection pool, requests in flight, rate limit per host, retry waits.
        .target(name: "Transport", dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")]),
        // NCBI E-utilities: the efetch client (batched, rate-limited, retried) and PubMed XML -> records.
        .target(name: "Entrez", dependencies: [
            "PMCModel", "XML", "Transport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // Where articles come from: the PMC Cloud layout (local, S3, the real bucket) and the legacy FTP layout.
        .target(name: "PMCSource", dependencies: [
            "PMCModel", "XML", "CLibArchive", "Transport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The SQLite catalog: articles, figures, in-text references, errors, stage state.
        .target(name: "Catalog", dependencies: [
            "PMCModel", "JATS", "Entrez",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Images: header probing, pixel limits, sRGB conversion, resizing, re-encoding, hashes (libvips).
        .target(name: "Imaging", dependencies: ["PMCModel", "CImageShim", .product(name: "Crypto", package: "swift-crypto")]),
        // WebDataset tar shards: a deterministic tar writer, a reader, and the shard index.
        .target(name: "WebDataset", dependencies: ["PMCModel", .product(name: "Crypto", package: "swift-crypto")]),
        // A Parquet file writer in Swift: typed columns, compressed pages, read back by pyarrow and DuckDB.
        .target(name: "Parquet"),
        // Image features, PCA, k-means and concept labels (faiss through CFaiss).
        .target(name: "Annotation", dependencies: ["CFaiss", "CAvailableCores", "Imaging", "PMCModel", .product(name: "Crypto", package: "swift-crypto")]),
        // The stages, wired together: extract (list, load, parse, record) and serialize (sample, deduplicate, shard, tabulate).
        .target(name: "Pipeline", dependencies: [
            "PMCModel", "JATS", "Entrez", "Transport", "PMCSource", "Catalog", "Imaging", "Annotation", "WebDataset", "Parquet",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The command-line tool: arguments, progress, exit codes.
        .executableTarget(name: "biomedica", dependencies: [
            "PMCModel", "PMCSource", "Transport", "Entrez", "Annotation", "Catalog", "Imaging", "Pipeline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Locates ../shared/corpus for tests; used by tests only.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PMCModelTests", dependencies: ["PMCModel"]),
        .testTarget(name: "XMLTests", dependencies: ["TestSupport", "XML"]),
        .testTarget(name: "JATSTests", dependencies: ["TestSupport", "JATS", "PMCModel"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport"]),
        .testTarget(name: "CAvailableCoresTests", dependencies: ["CAvailableCores"]),
        .testTarget(name: "AnnotationTests", dependencies: ["TestSupport", "Annotation", "Imaging", "PMCModel"]),
        .testTarget(name: "EntrezTests", dependencies: [
            "TestSupport", "Entrez", "Transport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "PMCSourceTests", dependencies: [
            "TestSupport", "PMCSource", "PMCModel", "Transport", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "CatalogTests", dependencies: [
            "TestSupport", "Catalog", "JATS", "PMCModel", "Entrez", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ImagingTests", dependencies: ["TestSupport", "Imaging"]),
        .testTarget(name: "WebDatasetTests", dependencies: ["TestSupport", "WebDataset"]),
        .testTarget(name: "ParquetTests", dependencies: ["TestSupport", "Parquet"]),
        .testTarget(name: "PipelineTests", dependencies: [
            "TestSupport", "Pipeline", "Catalog", "PMCSource", "JATS", "Entrez", "PMCModel", "Imaging", "WebDataset",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
