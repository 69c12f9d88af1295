import Foundation
import Logging

/// Reads a legacy file list from local disk row by row, a chunk at a time, so a list of millions
/// of rows is never held whole. Deletes the list afterwards when it was a temporary download.
actor LegacyListCursor {
    private static let logger = Logger(label: "biomedica.source.legacy")
    private static let chunkSize = 256 * 1024

    private let location: LegacyLocation
    private let listName: String
    private let isTextList: Bool
    private let limit: Int
    private var copy: LocalCopy?
    private var handle: FileHandle?
    private var parser: DelimitedRecordParser
    private var columns: LegacyColumns?
    private var rows: ArraySlice<[String]> = []
    private var rowNumber = 0
    private var finished = false

    /// A cursor over the list `listName` (relative to `location`); `limit` bounds a download.
    init(location: LegacyLocation, listName: String, limit: Int) {
        self.location = location
        self.listName = listName
        self.limit = limit
        isTextList = listName.hasSuffix(".txt")
        parser = DelimitedRecordParser(separator: UInt8(ascii: isTextList ? "\t" : ","), quoting: !isTextList)
    }

    deinit {
        try? handle?.close()
        copy?.discard()
    }

    /// The next article, or nil after the last row.
    func next() async throws(SourceError) -> ArticleRef? {
        while true {
            if let row = rows.popFirst() {
                rowNumber += 1
                if let ref = try take(row) { return ref }
            } else if finished {
                close()
                return nil
            } else {
                try await readMore()
            }
        }
    }

    /// The first row is the csv header or the txt list's timestamp; later rows are articles.
    private func take(_ row: [String]) throws(SourceError) -> ArticleRef? {
        guard let columns else {
            columns = isTextList ? .textList : try LegacyColumns(header: row, listName: location.name(of: listName))
            return nil
        }
        guard let ref = columns.ref(from: row, rowNumber: rowNumber, listName: location.name(of: listName)) else {
            Self.logger.warning("\(location.name(of: listName)) line \(rowNumber): skipped, no valid PMCID in \(row)")
            return nil
        }
        return ref
    }

    private func readMore() async throws(SourceError) {
        if handle == nil {
            handle = try await openList()
        }
        let chunk: Data
        do {
            chunk = try handle?.read(upToCount: Self.chunkSize) ?? Data()
        } catch {
            throw .transfer(file: location.name(of: listName), reason: error.localizedDescription)
        }
        if chunk.isEmpty {
            finished = true
            if let last = parser.finish() { rows.append(last) }
        } else {
            rows += parser.feed(chunk)
        }
    }

    /// A failure to get the list at all means the source cannot be read.
    private func openList() async throws(SourceError) -> FileHandle {
        let name = location.name(of: listName)
        do {
            let local = try await location.localCopy(of: listName, limit: limit)
            copy = local
            guard let opened = FileHandle(forReadingAtPath: local.path) else {
                throw SourceError.missingFile(file: name)
            }
            return opened
        } catch {
            throw .unreachable(source: name, reason: String(describing: error))
        }
    }

    private func close() {
        try? handle?.close()
        handle = nil
        copy?.discard()
        copy = nil
    }
}
