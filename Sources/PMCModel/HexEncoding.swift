extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal, the form `md5sum` and `sha256sum` print digests in.
    public var lowercaseHex: String {
        var text = ""
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            let digits = String(byte, radix: 16)
            text += byte < 16 ? "0" + digits : digits
        }
        return text
    }
}
