import Crypto

extension Digest {
    /// The digest as lowercase hexadecimal, the form `md5sum` prints.
    var lowercaseHex: String {
        map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
