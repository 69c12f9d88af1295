import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors said for a person: Foundation's file errors by their system cause (`No space left on
/// device`) rather than their raw `NSError` text; every other error as it describes itself.
public enum ErrorText {
    /// One line saying what `error` is.
    public static func describe(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError {
            if let underlying = cocoa.underlying { return describe(underlying) }
            return switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or folder"
            case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
            case .fileWriteOutOfSpace: "no space left on the device"
            case .fileWriteVolumeReadOnly: "the file system is read-only"
            case .fileWriteFileExists: "a file is already there"
            default: "the file system refused it (Foundation's code \(cocoa.code.rawValue))"
            }
        }
        let bridged = error as NSError
        if bridged.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(bridged.code))) }
        return "\(error)"
    }
}
