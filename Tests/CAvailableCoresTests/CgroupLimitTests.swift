import CAvailableCores
import Foundation
import Testing

/// The cgroup v2 CPU limit, read from folders laid out as the kernel lays out /proc/self/cgroup and
/// /sys/fs/cgroup: a real limited cgroup needs privileges a test does not have.
@Suite("Cores a cgroup's CPU limit allows")
struct CgroupLimitTests {
    /// A temporary root holding `limits` (a cgroup path, from "/", to the text of its cpu.max) and a
    /// process list whose lines are `list`; returns what `cgroup_cpu_limit` reads from them.
    func limit(list: String, limits: [String: String]) throws -> Int32 {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cgroup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("fs")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in limits {
            let cgroup = root.appendingPathComponent(String(path.dropFirst()))
            try FileManager.default.createDirectory(at: cgroup, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: cgroup.appendingPathComponent("cpu.max"))
        }
        let file = folder.appendingPathComponent("cgroup")
        try Data(list.utf8).write(to: file)
        return cgroup_cpu_limit(file.path, root.path)
    }

    @Test("a quota over its period, rounded up, is the limit")
    func quota() throws {
        #expect(try limit(list: "0::/kubepods/pod1/c1\n", limits: ["/kubepods/pod1/c1": "250000 100000\n"]) == 3)
        #expect(try limit(list: "0::/job\n", limits: ["/job": "100000 100000"]) == 1)
        #expect(try limit(list: "0::/job\n", limits: ["/job": "5000 100000"]) == 1)
    }

    @Test("the least limit on the way up to the root holds, 'max' limiting nothing")
    func ancestors() throws {
        let limits = ["/slice/job": "max 100000", "/slice": "400000 100000", "/": "800000 100000"]
        #expect(try limit(list: "0::/slice/job\n", limits: limits) == 4)
        #expect(try limit(list: "0::/slice/job\n", limits: ["/slice/job": "max 100000"]) == 0)
        // A container in its own cgroup namespace sees itself at the root.
        #expect(try limit(list: "0::/\n", limits: ["/": "150000 100000"]) == 2)
        // One that sees the host's path for itself finds its own limit at its root.
        #expect(try limit(list: "0::/docker/abc\n", limits: ["/": "200000 100000"]) == 2)
    }

    @Test("without a cgroup v2 line, a cpu.max, or a readable one, nothing limits")
    func nothing() throws {
        #expect(try limit(list: "4:cpu,cpuacct:/docker/abc\n1:name=systemd:/\n", limits: ["/docker/abc": "100000 100000"]) == 0)
        #expect(try limit(list: "0::/job\n", limits: [:]) == 0)
        #expect(try limit(list: "0::/job\n", limits: ["/job": "garbage"]) == 0)
        // A line longer than the reader's buffer is left alone rather than read cut short.
        let long = "/" + String(repeating: "a", count: 5000)
        #expect(try limit(list: "0::\(long)\n", limits: ["/": "100000 100000"]) == 0)
        #expect(cgroup_cpu_limit("/nonexistent/cgroup", "/nonexistent") == 0)
    }

    @Test("the cores available are at least one and at most the online cores")
    func available() {
        let online = Int32(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect((1...online).contains(available_cores()))
    }
}
