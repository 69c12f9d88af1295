import Testing
import WebDataset

@Suite("Sample keys")
struct SampleKeyTests {
    @Test func designExample() {
        #expect(SampleKey.make(pmcid: "PMC3166277", figurePosition: 3, graphicName: "1471-2180-11-174-3") == "PMC3166277_0003_1471-2180-11-174-3")
    }

    @Test func dotsCannotSplitTheKey() {
        let key = SampleKey.make(pmcid: "PMC3485299", figurePosition: 1, graphicName: "pone.0046493.g001")
        #expect(key == "PMC3485299_0001_pone-0046493-g001")
        #expect(!key.contains("."))
    }

    @Test func otherCharactersBecomeUnderscores() {
        #expect(SampleKey.sanitize("a b/c:d.é") == "a_b_c_d-_")
        #expect(SampleKey.make(pmcid: "123", figurePosition: 12345, graphicName: "") == "PMC123_12345")
    }

    @Test func longGraphicNamesAreCutWithAHash() {
        let long = String(repeating: "x", count: 200)
        let key = SampleKey.make(pmcid: "PMC1", figurePosition: 1, graphicName: long)
        let other = SampleKey.make(pmcid: "PMC1", figurePosition: 1, graphicName: long + "y")
        #expect(key != other)
        #expect(key.utf8.count + ".json".count <= 100)
        #expect(key == SampleKey.make(pmcid: "PMC1", figurePosition: 1, graphicName: long))
    }
}

@Suite("Sample keys of colliding graphic names")
struct SampleKeyCollisionTests {
    @Test("names that sanitize alike get keys apart, the same ones every time")
    func collidingNamesGetDistinctKeys() {
        let first = SampleKey.make(pmcid: "PMC1", figurePosition: 2, graphicName: "a.b")
        let second = SampleKey.make(pmcid: "PMC1", figurePosition: 2, graphicName: "a-b")
        #expect(first == second)
        let apart = SampleKey.disambiguated(second, graphicName: "a-b")
        #expect(apart != first && apart.hasPrefix(first + "-") && apart.count == first.count + 9)
        #expect(apart == SampleKey.disambiguated(second, graphicName: "a-b"))
        #expect(SampleKey.disambiguated(second, graphicName: "a b") != apart)
    }
}
