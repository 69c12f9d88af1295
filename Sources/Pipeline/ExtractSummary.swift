/// What an extract run did, for the closing summary and the catalog's run history.
public struct ExtractSummary: Sendable, Codable, Equatable {
    /// Article versions the source listed (before any selection).
    public var listed = 0
    /// Listed versions the selection kept.
    public var selected = 0
    /// Selected versions skipped because the catalog already has them unchanged.
    public var unchanged = 0
    /// Versions extracted without error in this run.
    public var extracted = 0
    /// Versions whose extraction failed in this run.
    public var failed = 0
    /// `fig` items found in this run.
    public var figures = 0
    /// `table` items found in this run.
    public var tables = 0
    /// Graphics resolved to a media file.
    public var resolvedGraphics = 0
    /// Graphics that matched no media file.
    public var unresolvedGraphics = 0
    /// Failed articles by error kind.
    public var errorsByKind: [String: Int] = [:]
    /// Warnings by kind.
    public var warningsByKind: [String: Int] = [:]

    /// An empty summary.
    public init() {}
}
