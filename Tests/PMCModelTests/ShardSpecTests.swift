import PMCModel
import Testing

@Suite("Sharding by PMCID")
struct ShardSpecTests {
    @Test func parsesAndRefuses() throws {
        let spec = try ShardSpec(parsing: "2/8")
        #expect(spec.index == 2 && spec.count == 8)
        #expect(throws: ShardSpecError.malformed("2-8")) { try ShardSpec(parsing: "2-8") }
        #expect(throws: ShardSpecError.outOfRange(index: 8, count: 8)) { try ShardSpec(parsing: "8/8") }
        #expect(throws: ShardSpecError.outOfRange(index: 0, count: 0)) { try ShardSpec(parsing: "0/0") }
    }

    @Test("the parts are disjoint and cover every article")
    func partsPartition() throws {
        let ids = (1...5000).compactMap { PMCID("PMC\($0 * 7919)") }
        let parts = try (0..<7).map { try ShardSpec(index: $0, count: 7) }
        var sizes: [Int] = []
        for id in ids {
            #expect(parts.filter { $0.contains(id) }.count == 1)
        }
        for part in parts {
            sizes.append(ids.filter(part.contains).count)
        }
        // A hash split of 5000 ids over 7 parts: each near 714; far from it means a broken hash.
        #expect(sizes.allSatisfy { (550...880).contains($0) }, "sizes \(sizes)")
    }

    @Test("the split is the same on every machine")
    func splitIsStable() throws {
        // FNV-1a 64 of "PMC3166277", computed independently; a change here would reshuffle every cluster run.
        #expect(StableHash.fnv1a64("PMC3166277") == 0xC93B_1AC7_0C8C_C89D)
        #expect(StableHash.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
    }

    @Test func readsSchedulerEnvironment() throws {
        #expect(try ShardSpec.fromEnvironment([:]) == nil)
        let slurm = try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "10"])
        #expect(slurm == (try ShardSpec(index: 4, count: 10)))
        let kubernetes = try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "3", "JOB_COMPLETIONS": "4"])
        #expect(kubernetes == (try ShardSpec(index: 3, count: 4)))
        #expect(throws: ShardSpecError.missingCount("SLURM_ARRAY_TASK_COUNT")) {
            try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "1"])
        }
    }
}
