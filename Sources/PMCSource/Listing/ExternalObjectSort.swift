import Foundation

/// Sorts by key a listing too large to hold in memory (an S3 inventory of all of PMC lists some
/// 8 million metadata objects, in no order): runs of `runLength` objects are sorted in memory and
/// written to temporary files, which are then merged. Memory holds one run, plus one object and a
/// read buffer per spilled run, whatever the listing's size.
///
/// Add every object, then take the sorted objects in batches. The temporary files are deleted
/// once the last batch is taken, or when the sort is dropped.
final class ExternalObjectSort {
    private let runLength: Int
    private let folder: URL
    private var pending: [StoredObject] = []
    private var runs: [String] = []
    private var merge: RunMerge?

    /// A sort spilling runs of `runLength` objects to files in `folder` (the system's temporary
    /// folder, which `TMPDIR` moves).
    init(runLength: Int = 250_000, folder: URL = FileManager.default.temporaryDirectory) {
        self.runLength = max(1, runLength)
        self.folder = folder
    }

    deinit {
        for run in runs {
            try? FileManager.default.removeItem(atPath: run)
        }
    }

    /// Adds one object; a full run is sorted and written out.
    func add(_ object: StoredObject) throws(SourceError) {
        precondition(merge == nil, "objects added after the sorted ones were taken")
        pending.append(object)
        if pending.count >= runLength { try spill() }
    }

    /// The next `count` objects in key order (UTF-8 byte order, as S3 lists), or nil after the last.
    func next(_ count: Int) throws(SourceError) -> [StoredObject]? {
        if merge == nil {
            pending.sort(by: Self.precedes)
            merge = try RunMerge(files: runs, inMemory: pending)
            pending = []
        }
        let batch = try merge!.next(count)
        if batch.isEmpty {
            for run in runs {
                try? FileManager.default.removeItem(atPath: run)
            }
            runs = []
            return nil
        }
        return batch
    }

    /// Sorts the pending run and writes it to a new temporary file.
    private func spill() throws(SourceError) {
        pending.sort(by: Self.precedes)
        let path = folder.appendingPathComponent("biomedica-listing-\(UUID().uuidString).run").path
        runs.append(path)
        var bytes: [UInt8] = []
        for object in pending {
            bytes += RunLine.encode(object)
            bytes.append(UInt8(ascii: "\n"))
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw .transfer(file: path, reason: "cannot write a temporary file to sort the listing (set TMPDIR to a folder with room)")
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// The listing order: keys in UTF-8 byte order.
    static func precedes(_ first: StoredObject, _ second: StoredObject) -> Bool {
        first.key.precedesInKeyOrder(second.key)
    }
}

/// Merges sorted runs, on disk and one in memory, into one sorted sequence: each step takes the
/// smallest of the runs' heads, kept in a binary heap.
private struct RunMerge {
    /// Where each run's objects come from.
    private var sources: [RunSource]
    /// The indexes of the runs that still have objects, ordered as a min-heap by their heads' keys.
    private var heap: [Int] = []
    private var heads: [StoredObject?]

    init(files: [String], inMemory: [StoredObject]) throws(SourceError) {
        sources = files.map { .file(LineReader(path: $0), path: $0) } + [.memory(inMemory[...])]
        heads = []
        for index in sources.indices {
            heads.append(try sources[index].next())
            if heads[index] != nil { push(index) }
        }
    }

    /// Up to `count` objects, the smallest first; empty after the last.
    mutating func next(_ count: Int) throws(SourceError) -> [StoredObject] {
        var batch: [StoredObject] = []
        while batch.count < count, let smallest = heap.first, let object = heads[smallest] {
            batch.append(object)
            heads[smallest] = try sources[smallest].next()
            if heads[smallest] == nil {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            siftDown(from: 0)
        }
        return batch
    }

    private func isBefore(_ first: Int, _ second: Int) -> Bool {
        guard let a = heads[first], let b = heads[second] else { return heads[first] != nil }
        return ExternalObjectSort.precedes(a, b)
    }

    private mutating func push(_ index: Int) {
        heap.append(index)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard isBefore(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, isBefore(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, isBefore(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// One sorted run: a spilled file read line by line, or the last run, still in memory.
private enum RunSource {
    case file(LineReader, path: String)
    case memory(ArraySlice<StoredObject>)

    mutating func next() throws(SourceError) -> StoredObject? {
        switch self {
        case .file(let reader, let path):
            let line: [UInt8]?
            do {
                line = try reader.next()
            } catch {
                throw .transfer(file: path, reason: "cannot read back a temporary file of the sorted listing: \(error)")
            }
            return try line.map { line throws(SourceError) in
                guard let object = RunLine.decode(line) else {
                    throw .transfer(file: path, reason: "a temporary file of the sorted listing is damaged")
                }
                return object
            }
        case .memory(var objects):
            let object = objects.popFirst()
            self = .memory(objects)
            return object
        }
    }
}

/// A stored object as one line of a run file: key, size, entity tag and date, tab-separated, with
/// `%`, tab and newline percent-escaped (S3 keys may hold any character), and nothing for nil.
enum RunLine {
    /// The line for `object`, without its newline.
    static func encode(_ object: StoredObject) -> [UInt8] {
        Array([object.key, object.size.map(String.init) ?? "", object.etag ?? "", object.lastModified ?? ""]
            .map(escape)
            .joined(separator: [UInt8(ascii: "\t")]))
    }

    /// The object a line describes; nil for a line no `encode` wrote.
    static func decode(_ line: [UInt8]) -> StoredObject? {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(unescape)
        guard fields.count == 4, let key = fields[0] else { return nil }
        func optional(_ field: String?) -> String? { field.flatMap { $0.isEmpty ? nil : $0 } }
        return StoredObject(key: key, size: optional(fields[1]).flatMap(Int.init), etag: optional(fields[2]), lastModified: optional(fields[3]))
    }

    private static func escape(_ field: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in field.utf8 {
            switch byte {
            case UInt8(ascii: "%"): bytes += Array("%25".utf8)
            case UInt8(ascii: "\t"): bytes += Array("%09".utf8)
            case UInt8(ascii: "\n"): bytes += Array("%0A".utf8)
            default: bytes.append(byte)
            }
        }
        return bytes
    }

    private static func unescape(_ field: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        var index = field.startIndex
        while index < field.endIndex {
            if field[index] == UInt8(ascii: "%") {
                guard index + 2 < field.endIndex,
                      let value = UInt8(String(decoding: field[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                index += 3
            } else {
                bytes.append(field[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
