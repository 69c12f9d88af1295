import Foundation
import Testing
@testable import WebDataset

@Suite("MD5")
struct MD5Tests {
    /// The test suite from RFC 1321, appendix A.5.
    @Test("RFC 1321 vectors", arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfcVectors(input: String, expected: String) {
        #expect(MD5.hex(Array(input.utf8)) == expected)
    }

    /// Feeding in uneven pieces must give the same digest as one call: the writer hashes header,
    /// data and padding separately.
    @Test func incrementalMatchesOneShot() {
        let message = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var md5 = MD5()
        var start = 0
        for size in [1, 63, 64, 65, 0, 127, 512, 3000] + Array(repeating: 1000, count: 10) {
            let end = min(message.count, start + size)
            md5.update(Array(message[start..<end]))
            start = end
        }
        md5.update(Array(message[start...]))
        #expect(MD5.hexString(md5.finalize()) == MD5.hex(message))
    }

    /// Lengths around the 56-byte padding boundary (checked against `md5sum`).
    @Test func paddingBoundaries() {
        #expect(MD5.hex(Array(repeating: UInt8(ascii: "a"), count: 55)) == "ef1772b6dff9a122358552954ad0df65")
        #expect(MD5.hex(Array(repeating: UInt8(ascii: "a"), count: 56)) == "3b0c8ac703f828b04c6c197006d17218")
        #expect(MD5.hex(Array(repeating: UInt8(ascii: "a"), count: 64)) == "014842d480b571495a4a0363793f7367")
        #expect(MD5.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "7707d6ae4e027c70eea2a935c2296f21")
    }
}
