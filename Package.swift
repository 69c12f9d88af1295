// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "biomedica",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "biomedica", targets: ["biomedica"]),
        // The library a Swift program builds, serves or annotates a dataset with; the CLI is one front door to it.
        .library(name: "Pipeline", targets: ["Pipeline"]),
        // The engines that read untrusted input, each usable alone (and what fuzz/ fuzzes).
        .library(name: "JATS", targets: ["JATS"]),
        .library(name: "Entrez", targets: ["Entrez"]),
        .library(name: "PMCSource", targets: ["PMCSource"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "WebDataset", targets: ["WebDataset"]),
        .library(name: "Annotation", targets: ["Annotation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        // C shims: the only places that see libxml2's and libarchive's pointers.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CSafeXMLParser", dependencies: ["CLibXML2"]),
        .systemLibrary(name: "CLibVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        // The few libvips calls Swift cannot make itself (they are variadic).
        .target(name: "CVips", dependencies: ["CLibVips"]),
        .systemLibrary(name: "CLibArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // The cores a process may use (its CPU affinity and cgroup CPU limit), which Foundation does not tell.
        .target(name: "CAvailableCores"),
        // The area-averaging loops behind thumbnails and --resize, in C so that they vectorize.
        .target(name: "CAreaResample"),
        // What our C++ modules' extern "C" functions share: exceptions turned into messages, OpenMP threads set per call.
        .target(name: "CNativeCall", linkerSettings: [.linkedLibrary("gomp")]),
        // PCA and nearest-centroid search through faiss, behind a few extern "C" functions.
        .target(name: "CFaiss", dependencies: ["CNativeCall"], linkerSettings: [
            .linkedLibrary("faiss"), .linkedLibrary("openblas"), .linkedLibrary("gomp"),
        ]),
        // Our own exact k-means: greedy k-means++ pruned by the triangle inequality, Lloyd with Yinyang bounds.
        .target(name: "CKMeans", dependencies: ["CNativeCall"], linkerSettings: [
            .linkedLibrary("openblas"), .linkedLibrary("gomp"),
        ]),

        // What the operating system gives the process: the cores it may use, advisory file locks.
        .target(name: "Platform", dependencies: ["CAvailableCores"]),

        // Value types shared by every layer: identifiers, licenses, sharding.
        .target(name: "PMCModel"),
        // A safe, read-only Swift view of an XML document parsed by libxml2 with every network and entity feature off.
        .target(name: "XML", dependencies: ["CLibXML2", "CSafeXMLParser"]),
        // JATS XML -> Article: pure, bytes in, values out.
        .target(name: "JATS", dependencies: ["PMCModel", "XML"]),
        // The HTTP client every network stage shares: connection pool, requests in flight, rate limit per host, retry waits.
        .target(name: "Transport", dependencies: [
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // NCBI E-utilities: the efetch client (batched, rate-limited, retried) and PubMed XML -> records.
        .target(name: "Entrez", dependencies: [
            "PMCModel", "XML", "Transport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Where articles come from: the PMC Cloud layout (local, S3, the real bucket) and the legacy FTP layout.
        .target(name: "PMCSource", dependencies: [
            "PMCModel", "XML", "CLibArchive", "Transport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // The SQLite catalog: articles, figures, in-text references, errors, stage state.
        .target(name: "Catalog", dependencies: [
            "PMCModel", "JATS", "Entrez",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Images: header probing, pixel limits, sRGB conversion, resizing, re-encoding, hashes (libvips).
        .target(name: "Imaging", dependencies: ["PMCModel", "CVips", "CAreaResample", .product(name: "Crypto", package: "swift-crypto")]),
        // WebDataset tar shards: a deterministic tar writer, a reader, and the shard index.
        .target(name: "WebDataset", dependencies: ["PMCModel", "Platform", .product(name: "Crypto", package: "swift-crypto")]),
        // A Parquet file writer in Swift: typed columns, dictionary-encoded strings, Snappy or ZSTD pages,
        // read back by pyarrow and DuckDB.
        .target(name: "Parquet", dependencies: ["CZstd"]),
        // Image features, PCA, k-means and concept labels (faiss through CFaiss, k-means through CKMeans).
        .target(name: "Annotation", dependencies: ["CFaiss", "CKMeans", "Platform", "Imaging", "PMCModel", .product(name: "Crypto", package: "swift-crypto")]),
        // The dataset folder and its format: layout, lock and marker, sample JSON, shard writers per group, tables,
        // checkpoint, annotations written into shards. The only code that writes into a dataset folder.
        .target(name: "Dataset", dependencies: [
            "Catalog", "Entrez", "Imaging", "PMCModel", "Parquet", "Platform", "WebDataset",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The library: the runs (a build plan and its stages: fetch, extract, enrich, serialize, annotate, merge),
        // opening a source, the run context and progress events, and the one table of exit statuses.
        .target(name: "Pipeline", dependencies: [
            "Annotation", "Catalog", "Dataset", "Entrez", "Imaging", "JATS", "PMCModel", "PMCSource", "Parquet", "Platform",
            "Transport", "WebDataset",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The command-line tool: arguments, progress, summaries, exit codes. No logic of its own.
        .executableTarget(name: "biomedica", dependencies: [
            "Pipeline",
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
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "AnnotationTests", dependencies: ["TestSupport", "Annotation", "Imaging", "PMCModel"]),
        .testTarget(name: "EntrezTests", dependencies: [
            "TestSupport", "Entrez", "Transport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "PMCSourceTests", dependencies: [
            "TestSupport", "PMCSource", "PMCModel", "Transport", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .testTarget(name: "CatalogTests", dependencies: [
            "Catalog", "JATS", "PMCModel", "Entrez", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ImagingTests", dependencies: ["TestSupport", "Imaging"]),
        .testTarget(name: "WebDatasetTests", dependencies: ["TestSupport", "WebDataset"]),
        .testTarget(name: "ParquetTests", dependencies: ["TestSupport", "Parquet", "CZstd"]),
        .testTarget(name: "DatasetTests", dependencies: ["Dataset", "Platform"]),
        .testTarget(name: "PipelineTests", dependencies: [
            "TestSupport", "Pipeline", "Dataset", "Catalog", "PMCSource", "Entrez", "PMCModel", "Imaging", "WebDataset",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
