import Foundation
import Platform

/// NumPy's `.npy` format (version 1.0) for 2-D little-endian float32 and int64 arrays: what
/// `numpy.load` reads without a copy, so features, models and assignments open in any notebook.
public enum NPYFile {
    /// The element types read and written.
    public enum ElementType: String, Sendable {
        case float32 = "<f4"
        case int64 = "<i8"
    }

    private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]

    /// The header for an array of `shape` (rows, columns) of `type`, padded so the data starts on
    /// a 64-byte boundary as NumPy writes it.
    static func header(type: ElementType, rows: Int, columns: Int) -> [UInt8] {
        var dictionary = "{'descr': '\(type.rawValue)', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        let unpadded = magic.count + 2 + dictionary.utf8.count + 1
        dictionary += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = UInt16(dictionary.utf8.count)
        return magic + [UInt8(length & 0xFF), UInt8(length >> 8)] + Array(dictionary.utf8)
    }

    /// Writes `matrix` to `path` (replacing it once complete).
    public static func write(_ matrix: FeatureMatrix, to path: String) throws(AnnotationError) {
        var bytes = header(type: .float32, rows: matrix.rows, columns: matrix.columns)
        matrix.values.withUnsafeBytes { bytes += $0 }
        try write(bytes, to: path)
    }

    /// Writes `values` as one column of int64 to `path`.
    public static func write(labels values: [Int], to path: String) throws(AnnotationError) {
        var bytes = header(type: .int64, rows: values.count, columns: 1)
        values.map { Int64($0).littleEndian }.withUnsafeBytes { bytes += $0 }
        try write(bytes, to: path)
    }

    /// What a file's header says: the element type, the shape, and where the data starts.
    public struct Header: Sendable, Equatable {
        /// The element type.
        public var type: ElementType
        /// Rows (the first dimension).
        public var rows: Int
        /// Columns (1 for a 1-D array).
        public var columns: Int
        /// The byte offset of the first value.
        public var dataOffset: Int

        /// Bytes per value.
        var elementSize: Int { type == .int64 ? 8 : 4 }
    }

    /// Reads a 2-D float32 array (a 1-D one as one column).
    public static func read(_ path: String) throws(AnnotationError) -> FeatureMatrix {
        let header = try header(of: path)
        return try readRows(path, header: header, rows: 0..<header.rows)
    }

    /// Reads the float32 rows `rows` of the array in `path` whose header is `header`, and no
    /// more: what keeps memory bounded on a matrix larger than it.
    public static func readRows(_ path: String, header: Header, rows: Range<Int>) throws(AnnotationError) -> FeatureMatrix {
        guard header.type == .float32 else {
            throw .unreadable(file: path, reason: "holds \(header.type.rawValue) values, not float32 ('<f4')")
        }
        let data = try bytes(of: path, header: header, rows: rows)
        let values = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        return FeatureMatrix(columns: max(1, header.columns), values: values)
    }

    /// Reads a 1-D or one-column int64 array.
    public static func readLabels(_ path: String) throws(AnnotationError) -> [Int] {
        let header = try header(of: path)
        guard header.type == .int64, header.columns <= 1 else {
            throw .unreadable(file: path, reason: "holds \(header.type.rawValue) values in \(header.columns) columns, not one column of int64")
        }
        let data = try bytes(of: path, header: header, rows: 0..<header.rows)
        return data.withUnsafeBytes { $0.bindMemory(to: Int64.self).map { Int(Int64(littleEndian: $0)) } }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws(AnnotationError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            throw .unwritable(file: path, reason: "\(error)")
        }
    }

    /// The bytes of rows `rows`, checked to be in the file.
    private static func bytes(of path: String, header: Header, rows: Range<Int>) throws(AnnotationError) -> Data {
        let rowBytes = header.columns * header.elementSize
        guard rows.lowerBound >= 0, rows.upperBound <= header.rows else {
            throw .unreadable(file: path, reason: "has \(header.rows) rows, not rows \(rows.lowerBound)..<\(rows.upperBound)")
        }
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(header.dataOffset + rows.lowerBound * rowBytes))
            let wanted = rows.count * rowBytes
            let data = try handle.read(upToCount: wanted) ?? Data()
            guard data.count == wanted else {
                throw AnnotationError.unreadable(file: path, reason: "is cut short: \(header.rows) x \(header.columns) values promised")
            }
            return data
        } catch let error as AnnotationError {
            throw error
        } catch {
            throw .unreadable(file: path, reason: "\(error)")
        }
    }

    /// Reads and checks the header of the array in `path`, and that the file holds all its data.
    public static func header(of path: String) throws(AnnotationError) -> Header {
        let prefix: Data
        let size: Int
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            prefix = try handle.read(upToCount: 65_546) ?? Data()
            size = Int(try handle.seekToEnd())
        } catch {
            throw .unreadable(file: path, reason: "cannot be read")
        }
        let bytes = [UInt8](prefix.prefix(10))
        guard bytes.count == 10, Array(bytes.prefix(6)) == Array(magic.prefix(6)), bytes[6] == 1 else {
            throw .unreadable(file: path, reason: "not a version 1 NumPy .npy file")
        }
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        guard prefix.count >= 10 + length else { throw .unreadable(file: path, reason: "its header is cut short") }
        let dictionary = String(decoding: prefix[prefix.startIndex + 10..<prefix.startIndex + 10 + length], as: UTF8.self)
        guard let type = value(of: "descr", in: dictionary).flatMap({ ElementType(rawValue: $0.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))) }),
              value(of: "fortran_order", in: dictionary) == "False",
              let shapeText = dictionary.range(of: #"\([0-9, ]*\)"#, options: .regularExpression).map({ dictionary[$0] })
        else {
            throw .unreadable(file: path, reason: "not a C-ordered float32 or int64 array: \(dictionary.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let dimensions = shapeText.dropFirst().dropLast().split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(dimensions.count) else { throw .unreadable(file: path, reason: "not a 1-D or 2-D array") }
        let header = Header(type: type, rows: dimensions[0], columns: dimensions.count == 2 ? dimensions[1] : 1, dataOffset: 10 + length)
        let dataBytes = size - header.dataOffset
        // A shape as large as a header can write must not overflow the product (found by fuzz/).
        let values = header.rows.multipliedReportingOverflow(by: header.columns)
        let expected = values.partialValue.multipliedReportingOverflow(by: header.elementSize)
        guard !values.overflow, !expected.overflow, dataBytes == expected.partialValue else {
            throw .unreadable(file: path, reason: "holds \(dataBytes) bytes of data, not \(header.rows) x \(header.columns) values")
        }
        return header
    }

    /// The text after `'key':` up to the next comma, trimmed.
    private static func value(of key: String, in dictionary: String) -> String? {
        guard let range = dictionary.range(of: "'\(key)':") else { return nil }
        let rest = dictionary[range.upperBound...]
        let end = rest.firstIndex(of: ",") ?? rest.endIndex
        return rest[..<end].trimmingCharacters(in: .whitespaces)
    }
}
