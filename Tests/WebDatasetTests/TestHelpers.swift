import Foundation
import WebDataset

/// A fresh empty folder under the system temp folder, removed by `cleanup()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("biomedica-wds-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func cleanup() {
        try? FileManager.default.removeItem(at: url)
    }

    /// File names in the folder, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }
}

/// A sample shaped like a dataset sample: fake JPEG bytes, a caption and a JSON document.
func makeSample(_ index: Int, imageBytes: Int = 100) -> WebDatasetSample {
    let key = SampleKey.make(pmcid: "PMC\(3_166_277 + index)", figurePosition: index % 7 + 1, graphicName: "pone.00\(index).g001")
    var image = Data([0xFF, 0xD8, 0xFF, 0xE0])
    image.append(Data((0..<imageBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }))
    let caption = "Figure \(index). Caption with ünïcödé — and a \"quote\"."
    let json = #"{"image_id":\#(index),"article_accession_id":"PMC\#(3_166_277 + index)"}"#
    return WebDatasetSample(key: key, members: [
        .init("jpg", image), .init("txt", Data(caption.utf8)), .init("json", Data(json.utf8)),
    ])
}

/// Writes `samples` with `options` into `folder` and returns the shard results.
func writeShards(_ samples: [WebDatasetSample], to folder: URL, options: ShardWriterOptions = ShardWriterOptions()) throws -> [ShardResult] {
    let writer = try ShardWriter(directory: folder, options: options)
    for sample in samples { try writer.write(sample) }
    return try writer.close()
}
