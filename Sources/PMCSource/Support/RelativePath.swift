/// Checks on paths that come from data (archive members, file lists, keys) before they are used.
enum RelativePath {
    /// True when `path` is relative and has no `..` component, so joining it to a folder stays inside.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
    }

    /// The last path component: `PMC1/fig1.jpg` -> `fig1.jpg`.
    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
