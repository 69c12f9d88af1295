/// Why parts cannot be merged. A failed merge leaves the output folder empty (untouched when it
/// was not empty to begin with).
public enum MergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A part folder does not exist.
    case missingPart(String)
    /// A part folder has no `catalog.sqlite`.
    case missingCatalog(String)
    /// A part's build did not finish, or its catalog changed after its shards were written.
    case unfinished(String)
    /// A part's images were hashed by another version of biomedica, whose hashes do not compare with ours.
    case otherVersion(String)
    /// A part was built with other serialize options than the first part.
    case differentOptions(part: String, options: String, first: String, firstOptions: String)
    /// An article is in two parts.
    case overlap(pmcid: String, part: String, other: String)
    /// A part's shards do not hold what its catalog says they hold.
    case corruptPart(String, reason: String)
    /// The output folder already holds something.
    case outputNotEmpty(String)

    public var description: String {
        switch self {
        case .missingPart(let part):
            "no part at \(part)"
        case .missingCatalog(let part):
            "\(part) has no catalog.sqlite: give the --out folder of a `biomedica build`"
        case .unfinished(let part):
            "\(part) is not a finished build (or its catalog changed since): run its `biomedica build` again to finish it"
        case .otherVersion(let part):
            "\(part) was built by another version of biomedica, which hashed its images another way: run its `biomedica build` again with this one"
        case .differentOptions(let part, let options, let first, let firstOptions):
            "\(part) was built with other options than \(first) (\(options) instead of \(firstOptions)): build every part with the same flags"
        case .overlap(let pmcid, let part, let other):
            "\(pmcid) is in both \(other) and \(part): parts must be disjoint, as --shard I/N with one N makes them"
        case .corruptPart(let part, let reason):
            "\(part): \(reason)"
        case .outputNotEmpty(let output):
            "\(output) is not empty: merge writes a new dataset folder"
        }
    }
}
