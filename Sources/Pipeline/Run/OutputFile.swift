import Foundation

/// Checks on a file a person names for a run to write, outside any dataset (an export, a feature
/// file, a model): it is written whole in its place, so it must not be a folder, nor one of the
/// files the run reads.
enum OutputFile {
    /// Checks `output` before the run reads anything.
    /// - Throws: `FileError.unwritable` when `output` is an existing folder (exit 73);
    ///   `UsageError` when it is one of `inputs` or lies inside one of `inputFolders` (exit 64).
    static func check(_ output: URL, inputs: [URL] = [], inputFolders: [URL] = [], option: String) throws {
        let target = resolved(output)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue {
            throw FileError.unwritable(path: output.path, reason: "it is a folder; name a file for \(option)")
        }
        if let input = inputs.first(where: { resolved($0) == target }) {
            throw UsageError("\(option) \(output.path) is \(input.path), which the run reads: name another file")
        }
        if let folder = inputFolders.first(where: { target.hasPrefix(resolved($0) + "/") }) {
            throw UsageError("\(option) \(output.path) is inside \(folder.path), which the run reads: name a file elsewhere")
        }
    }

    /// The path with links and `..` resolved, as far as it exists.
    private static func resolved(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
