import Dataset
import Foundation
import Platform
import Testing

/// The kernel's name for this machine, as a lock's holder records it.
func hostName() -> String {
    var name = [CChar](repeating: 0, count: 256)
    gethostname(&name, name.count - 1)
    return String(cString: name)
}

@Suite("The dataset folder's owner")
struct DatasetFolderTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dataset-folder-\(UUID().uuidString)")

    func file(_ path: String, _ text: String = "x") throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
    }

    @Test("a new folder is made and marked; an empty one is marked")
    func newAndEmptyFolders() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try await DatasetFolder.openForWriting(folder.appendingPathComponent("new"), catalog: nil, wait: false)
        made.release()
        #expect(exists("new/\(DatasetLayout.markerName)"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try await DatasetFolder.openForWriting(folder.appendingPathComponent("empty"), catalog: nil, wait: false).release()
        #expect(exists("empty/\(DatasetLayout.markerName)"))
    }

    @Test("a folder of someone else's files is refused, and its files are left as they were")
    func foreignFolderIsRefused() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try file("notes.txt", "mine")
        await #expect(throws: DatasetError.notADataset(folder: folder.path, entry: "notes.txt")) {
            try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test("a folder holding only what biomedica writes (an extract's catalog, an older dataset) is taken as one")
    func ownFilesAreAdopted() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try file("catalog.sqlite")
        try file("catalog.sqlite-wal")
        try file("shards/commercial/000000.tar")
        try file("shards/commercial/sizes.json")
        try file("parquet/samples.parquet")
        try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false).release()
        #expect(exists(DatasetLayout.markerName))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(DatasetLayout.markerName))
        try file("c.sqlite")
        await #expect(throws: DatasetError.notADataset(folder: folder.path, entry: "c.sqlite")) {
            try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        }
        try await DatasetFolder.openForWriting(folder, catalog: folder.appendingPathComponent("c.sqlite"), wait: false).release()
    }

    @Test("the marker's temporary file, from a run marking the folder now or one killed while it did, is biomedica's")
    func markerBeingWrittenIsOurs() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try file("\(DatasetLayout.markerName).4242.partial", "{")
        try file(DatasetLayout.lockName, "")
        try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false).release()
        #expect(exists(DatasetLayout.markerName))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(DatasetLayout.markerName))
        try file("\(DatasetLayout.markerName).old", "{")
        await #expect(throws: DatasetError.notADataset(folder: folder.path, entry: "\(DatasetLayout.markerName).old")) {
            try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        }
    }

    @Test("a file of the user's where biomedica writes is refused, and survives")
    func foreignFilesInsideAreRefused() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false).release()
        for path in ["shards/commercial/notes.txt", "shards/mine/000000.tar", "parquet/extra.parquet", "features/builtin-v2/commercial/x.npy",
                     "annotation/review/sheet.png"] {
            try file(path, "mine")
            await #expect(throws: DatasetError.foreignFile(folder.appendingPathComponent(path).path)) {
                try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
            }
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) == Data("mine".utf8))
            try FileManager.default.removeItem(at: folder.appendingPathComponent(path))
        }
    }

    @Test("removing the outputs removes what biomedica wrote and the folders it left empty, and nothing else")
    func removesOnlyOutputs() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataset = try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        defer { dataset.release() }
        for path in ["shards/commercial/000000.tar", "shards/commercial/000001.tar.partial", "shards/other/index.json",
                     "parquet/samples.parquet", "features/builtin-v2/other/000000.npy", "features/builtin-v2/other/000000.keys",
                     "annotation/model/model.json", "catalog.sqlite"] {
            try file(path)
        }
        try dataset.removeOutputs()
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [DatasetLayout.lockName, DatasetLayout.markerName, "annotation", "catalog.sqlite"].sorted())
        #expect(exists("annotation/model/model.json"))
    }

    @Test("one writer at a time: a second is refused naming the first, readers wait for writers, and share")
    func oneWriter() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        let holder = FileLockError.Holder.writer(pid: getpid(), host: hostName())
        await #expect(throws: DatasetError.busy(path: folder.path, holder: holder)) {
            try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        }
        await #expect(throws: DatasetError.busy(path: folder.path, holder: holder)) {
            try await DatasetFolder.openForReading(folder, wait: false)
        }
        let waiting = Task { try await DatasetFolder.openForReading(folder, wait: true) }
        try await Task.sleep(for: .milliseconds(200))
        writer.release()
        let reader = try await waiting.value
        let another = try await DatasetFolder.openForReading(folder, wait: false)
        await #expect(throws: DatasetError.busy(path: folder.path, holder: .readers)) {
            try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        }
        reader.release()
        another.release()
    }

    @Test("a folder that is not a dataset is not read, and no lock file is left in it")
    func readersNeedADataset() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try file("notes.txt")
        await #expect(throws: DatasetError.missing(folder.path)) { try await DatasetFolder.openForReading(folder, wait: false) }
        await #expect(throws: DatasetError.missing(folder.path)) { try await DatasetFolder.openForAdding(folder, wait: false) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test("a folder found empty and written into is emptied again, its lock file last, leaving a user's file where it was put")
    func clearsWhatItWrote() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataset = try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        #expect(dataset.isEmpty)
        try file("catalog.sqlite")
        try file("shards/other/000000.tar")
        #expect(!dataset.isEmpty)
        try file("mine.txt")
        try dataset.clear()
        dataset.releaseRemovingLockFile()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mine.txt"])
    }

    @Test("a folder replaced through the dataset shows the new contents only")
    func replacesFolders() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataset = try await DatasetFolder.openForWriting(folder, catalog: nil, wait: false)
        defer { dataset.release() }
        let review = dataset.layout.reviewFolder
        for contents in ["0001.json", "0002.json"] {
            try dataset.replaceFolder(review) { staging in
                try Data(contents.utf8).write(to: staging.appendingPathComponent(contents))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: review.path) == [contents])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dataset.layout.annotationFolder.path) == ["review"])

        // Stopped between its two renames, a replacement left the old contents aside: they come back.
        try FileManager.default.moveItem(at: review, to: URL(fileURLWithPath: review.path + ".old"))
        try dataset.replaceFolder(review) { staging in
            #expect(FileManager.default.fileExists(atPath: review.appendingPathComponent("0002.json").path))
            try Data().write(to: staging.appendingPathComponent("0003.json"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: review.path) == ["0003.json"])
    }
}
