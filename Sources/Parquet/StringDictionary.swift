/// The distinct strings of one column chunk, in first-seen order, for dictionary encoding:
/// the chunk's dictionary page stores each once (PLAIN) and its data pages store indices.
///
/// Columns such as license, journal, panel type or an article's abstract beside each of its
/// figures repeat a few values over many rows; there an index of a few bits replaces the text.
struct StringDictionary {
    private var indices: [String: UInt32] = [:]
    /// The dictionary page's body: each distinct string as a PLAIN byte array, in index order.
    private(set) var plainBytes: [UInt8] = []
    /// Where each entry starts in `plainBytes`, plus its end.
    private var offsets: [Int] = [0]

    /// How many distinct strings there are.
    var count: Int { indices.count }

    /// The index of `text`, added at the end when it is new.
    mutating func index(of text: String) -> UInt32 {
        if let index = indices[text] { return index }
        let index = UInt32(indices.count)
        indices[text] = index
        var text = text
        text.withUTF8 { utf8 in
            withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { plainBytes.append(contentsOf: $0) }
            plainBytes.append(contentsOf: utf8)
        }
        offsets.append(plainBytes.count)
        return index
    }

    /// Appends the PLAIN byte array of each of `indices`' strings to `output`.
    func appendPlain(of indices: [UInt32], to output: inout [UInt8]) {
        for index in indices {
            output.append(contentsOf: plainBytes[offsets[Int(index)]..<offsets[Int(index) + 1]])
        }
    }
}
