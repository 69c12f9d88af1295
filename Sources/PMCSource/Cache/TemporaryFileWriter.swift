import Foundation

/// The process a temporary file of the cache belongs to, written into its name
/// (`NAME~HOST~PID~UUID.part`): a later run on the same machine deletes the file once that process
/// has ended, however long ago it last wrote, and leaves a live one alone.
struct TemporaryFileWriter: Equatable {
    /// The machine's host name, without the separator.
    var host: String
    /// The process's identifier on that machine.
    var pid: Int32

    /// This process.
    static let current = TemporaryFileWriter(
        host: ProcessInfo.processInfo.hostName.replacingOccurrences(of: "~", with: "-"),
        pid: ProcessInfo.processInfo.processIdentifier)

    private init(host: String, pid: Int32) {
        self.host = host
        self.pid = pid
    }

    /// The writer a temporary file's name gives; nil for a name this type did not make.
    init?(fileName: String) {
        let parts = fileName.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasSuffix(".part"), let pid = Int32(parts[2]) else { return nil }
        self.init(host: String(parts[1]), pid: pid)
    }

    /// A new file name for `name`, unique, naming this writer.
    func fileName(for name: String) -> String {
        "\(name)~\(host)~\(pid)~\(UUID().uuidString).part"
    }

    /// True while a process with this identifier runs on this machine (an identifier reused since
    /// counts as running: the file is then kept, never wrongly deleted).
    var isRunning: Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
