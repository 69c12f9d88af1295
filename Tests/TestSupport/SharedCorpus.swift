import Foundation
import Testing

/// Where the shared test corpus (`../shared/corpus` beside the checkout) lies, for tests that
/// read real PMC articles. `BIOMEDICA_CORPUS` overrides the location.
public enum SharedCorpus {
    /// The corpus folder, or nil when it is not there (a fresh clone elsewhere).
    public static let root: URL? = {
        if let override = ProcessInfo.processInfo.environment["BIOMEDICA_CORPUS"] {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        let candidate = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus", isDirectory: true)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }()

    /// True when the corpus is there; tests that need it use `.enabled(if: SharedCorpus.isPresent, ...)`.
    public static var isPresent: Bool { root != nil }

    /// A message for tests skipped because the corpus is absent.
    public static let absenceNote: Comment = "needs ../shared/corpus beside the checkout (or BIOMEDICA_CORPUS); skipped where it is absent"

    /// The checkout's root folder, found from this file's own path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A file or folder inside the corpus; fails the calling test when the corpus is absent.
    public static func url(_ relativePath: String) throws -> URL {
        guard let root else { throw CorpusAbsent() }
        return root.appendingPathComponent(relativePath)
    }

    /// Thrown by `url(_:)` when the corpus is absent.
    public struct CorpusAbsent: Error, CustomStringConvertible {
        public var description: String { "the shared corpus is absent" }
    }
}
