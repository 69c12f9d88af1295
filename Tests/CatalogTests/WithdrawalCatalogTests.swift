import Catalog
import Foundation
import PMCModel
import Testing

extension SerializationCatalogTests {
    @Test("versions a complete listing missed are withdrawn, kept as history, and out of the dataset")
    func unlistedVersionsAreWithdrawn() throws {
        let catalog = try makeCatalog("withdrawn.sqlite")
        try catalog.record(
            [try entry("PMC10.1"), try entry("PMC20.1"), try entry("PMC30.1"), try entry("PMC30.2"), try entry("PMC40.1")], listed: [], by: 1)
        try catalog.commitSerialization([try serialized("PMC10.1", firstSequence: 0)], checkpoint: "c")
        #expect(try catalog.staleSerializations(through: id("PMC10.1")) == 0)

        // The second listing holds PMC20.1 and PMC30.1 only; PMC40 is outside its selection.
        try catalog.record([], listed: [try id("PMC20.1"), try id("PMC30.1")], by: 2)
        let outsideSelection = try id("PMC40.1").pmcid
        #expect(try catalog.withdrawUnlisted(by: 2, selected: { $0.pmcid != outsideSelection }) == 2)
        #expect(ids(try catalog.storedArticles(after: nil, limit: 10)) == ["PMC20.1", "PMC40.1"],
                "PMC10 is gone; PMC30.1 does not come back in place of its withdrawn .2")
        #expect(try catalog.countStoredArticles(after: nil) == 2)
        #expect(try catalog.exportedVersions(of: id("PMC10.1").pmcid).count == 1, "the withdrawn version keeps its rows")
        #expect(try catalog.staleSerializations(through: id("PMC10.1")) == 1, "the shards still hold PMC10's samples")
        #expect(try catalog.withdrawUnlisted(by: 2, selected: { _ in true }) == 1, "PMC40.1; the others were withdrawn already")
        #expect(ids(try catalog.storedArticles(after: nil, limit: 10)) == ["PMC20.1"])
    }

    @Test("a withdrawn version that a later listing holds again is back")
    func reappearingVersionIsBack() throws {
        let catalog = try makeCatalog("back.sqlite")
        try catalog.record([try entry("PMC10.1"), try entry("PMC20.1")], listed: [], by: 1)
        #expect(try catalog.withdrawUnlisted(by: 2, selected: { _ in true }) == 2)
        #expect(try catalog.storedArticles(after: nil, limit: 10).isEmpty)
        try catalog.record([], listed: [try id("PMC10.1")], by: 3)
        #expect(try catalog.withdrawUnlisted(by: 3, selected: { _ in true }) == 0, "PMC20.1 stays withdrawn, counted once")
        #expect(ids(try catalog.storedArticles(after: nil, limit: 10)) == ["PMC10.1"])
    }

    @Test("an earlier version counts whether or not it was withdrawn")
    func earlierVersions() throws {
        let catalog = try makeCatalog("earlier.sqlite")
        try catalog.record([try entry("PMC10.2")])
        #expect(try catalog.hasEarlierVersion(of: id("PMC10.3")))
        #expect(try !catalog.hasEarlierVersion(of: id("PMC10.2")))
        #expect(try !catalog.hasEarlierVersion(of: id("PMC11.5")))
    }
}
