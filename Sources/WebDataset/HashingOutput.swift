import Crypto
import PMCModel
import Foundation

/// A buffered sink over a file handle that counts and MD5-hashes every byte it writes.
///
/// Why buffered: tar writes many small pieces (512-byte headers, short captions); batching them
/// into one `write` per megabyte keeps syscalls off the hot path while memory stays bounded.
final class HashingOutput {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity: Int
    private var md5 = Insecure.MD5()
    /// Bytes accepted so far (written or buffered).
    private(set) var count = 0

    init(handle: FileHandle, bufferCapacity: Int = 1 << 20) {
        self.handle = handle
        self.capacity = bufferCapacity
        buffer.reserveCapacity(bufferCapacity)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        md5.update(bufferPointer: bytes)
        count += bytes.count
        if buffer.count + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity {
                // Large payloads (images) go straight to the file instead of through the buffer.
                try handle.write(contentsOf: bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Counts and hashes bytes that are already in the file, to continue a file a previous run began.
    func absorbExisting(_ bytes: UnsafeRawBufferPointer) {
        md5.update(bufferPointer: bytes)
        count += bytes.count
    }

    func writeZeros(_ n: Int) throws {
        guard n > 0 else { return }
        try write([UInt8](repeating: 0, count: n))
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and returns the MD5 of everything written, as hex.
    func finish() throws -> String {
        try flush()
        return md5.finalize().lowercaseHex
    }
}
