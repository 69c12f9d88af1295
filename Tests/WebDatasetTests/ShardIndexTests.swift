import Foundation
import Testing
@testable import WebDataset

@Suite("Shard index")
struct ShardIndexTests {
    let shards = [
        ShardResult(name: "000001.tar", samples: 2, bytes: 4096, md5: "bb"),
        ShardResult(name: "000000.tar", samples: 10, bytes: 10240, md5: "aa"),
    ]

    @Test func sizesJSONIsOpenCLIPShaped() throws {
        let text = String(decoding: try ShardIndex.sizesJSON(shards), as: UTF8.self)
        #expect(text == "{\n  \"000000.tar\" : 10,\n  \"000001.tar\" : 2\n}")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Int]
        #expect(parsed == ["000000.tar": 10, "000001.tar": 2])
    }

    @Test func indexJSONSortedAndRoundTrips() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try ShardIndex.write(shards, to: folder.url)
        #expect(try ShardIndex.read(from: folder.url) == shards.sorted { $0.name < $1.name })
        let text = try String(contentsOf: folder.url.appendingPathComponent("index.json"), encoding: .utf8)
        #expect(text.hasPrefix("[\n  {\n    \"bytes\" : 10240,\n    \"md5\" : \"aa\",\n    \"name\" : \"000000.tar\",\n    \"samples\" : 10\n  },"))
        #expect(try folder.contents() == ["index.json", "sizes.json"])
    }
}
