import Annotation
import Foundation
import Testing

@Suite("NumPy .npy files: float32 matrices and int64 labels")
struct NPYFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")

    func path(_ name: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    @Test("a matrix and labels read back as written, with the header NumPy writes")
    func roundTrip() throws {
        let matrix = FeatureMatrix(columns: 3, values: [1, 2, 3, 4.5, -5, 6e-7])
        let file = try path("m.npy")
        try NPYFile.write(matrix, to: file)
        #expect(try NPYFile.read(file) == matrix)
        let bytes = try #require(FileManager.default.contents(atPath: file))
        #expect(bytes.prefix(8) == Data([0x93] + Array("NUMPY".utf8) + [1, 0]))
        let header = String(decoding: bytes.dropFirst(10).prefix(118), as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"))
        #expect((bytes.count - 6 * 4) % 64 == 0, "the data starts on a 64-byte boundary")

        let labels = try path("l.npy")
        try NPYFile.write(labels: [3, 0, 1999], to: labels)
        #expect(try NPYFile.readLabels(labels) == [3, 0, 1999])
    }

    @Test("files that are not a C-ordered float32 matrix are refused by name")
    func refused() throws {
        let text = try path("t.npy")
        try Data("not numpy".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: AnnotationError.unreadable(file: text, reason: "not a version 1 NumPy .npy file")) { try NPYFile.read(text) }
        let labels = try path("l.npy")
        try NPYFile.write(labels: [1, 2], to: labels)
        #expect(throws: AnnotationError.unreadable(file: labels, reason: "holds <i8 values, not float32 ('<f4')")) { try NPYFile.read(labels) }
        #expect(throws: AnnotationError.unreadable(file: try path("absent.npy"), reason: "cannot be read")) {
            try NPYFile.read(try path("absent.npy"))
        }
    }

    @Test("a shape whose size overflows is refused, not a crash (a fuzz/ finding)")
    func hugeShape() throws {
        // The input FuzzNPY found, byte for byte: 5,552,437,940,589,224,845 rows of 8 bytes.
        let dictionary = "{'descr': '<i8', 'fortran_order': False, 'sha]p'': (0000000000000000000000000000000000005552437940589224845, 1),"
        #expect(dictionary.utf8.count == 0x70)
        let file = try path("huge.npy")
        try Data([0x93] + Array("NUMPY".utf8) + [1, 0, 0x70, 0] + Array(dictionary.utf8) + Array(" } ".utf8) + [0, 0])
            .write(to: URL(fileURLWithPath: file))
        #expect(throws: AnnotationError.self) { try NPYFile.read(file) }
        #expect(throws: AnnotationError.self) { try NPYFile.readLabels(file) }
    }
}
