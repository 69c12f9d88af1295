/// A deterministic part of the work: part `index` of `count`, chosen by a stable hash of the PMCID.
///
/// Every node of a Slurm array or Kubernetes indexed Job computes the same split from the same
/// inputs, so the parts are disjoint and together cover everything.
public struct ShardSpec: Hashable, Sendable, CustomStringConvertible {
    /// This part, from 0 to `count - 1`.
    public let index: Int
    /// The number of parts.
    public let count: Int

    /// The whole of the work in one part.
    public static let all = ShardSpec(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex: Int, count: Int) {
        self.index = uncheckedIndex
        self.count = count
    }

    /// Creates a part, or throws when `index` is not in `0..<count`.
    public init(index: Int, count: Int) throws(ShardSpecError) {
        guard count > 0, (0..<count).contains(index) else { throw .outOfRange(index: index, count: count) }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Parses `I/N` with `I` counted from 0.
    public init(parsing text: String) throws(ShardSpecError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw .malformed(text) }
        try self.init(index: index, count: count)
    }

    /// The part named by the scheduler's environment, or nil when none is set:
    /// `SLURM_ARRAY_TASK_ID` minus `SLURM_ARRAY_TASK_MIN` (0 when unset) of `SLURM_ARRAY_TASK_COUNT`,
    /// or Kubernetes' `JOB_COMPLETION_INDEX` of `JOB_COMPLETIONS` (or `BIOMEDICA_SHARD_COUNT`).
    public static func fromEnvironment(_ environment: [String: String]) throws(ShardSpecError) -> ShardSpec? {
        if let id = environment["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) {
            guard let count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) }) else {
                throw .missingCount("SLURM_ARRAY_TASK_COUNT")
            }
            let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
            return try ShardSpec(index: id - minimum, count: count)
        }
        if let index = environment["JOB_COMPLETION_INDEX"].flatMap({ Int($0) }) {
            guard let count = (environment["JOB_COMPLETIONS"] ?? environment["BIOMEDICA_SHARD_COUNT"]).flatMap({ Int($0) }) else {
                throw .missingCount("JOB_COMPLETIONS")
            }
            return try ShardSpec(index: index, count: count)
        }
        return nil
    }

    /// True when `pmcid` belongs to this part. All versions of an article go to the same part.
    public func contains(_ pmcid: PMCID) -> Bool {
        count == 1 || Int(StableHash.fnv1a64(pmcid.rawValue) % UInt64(count)) == index
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }
}

/// Why a shard specification was refused.
public enum ShardSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not of the form `I/N`.
    case malformed(String)
    /// `I` is not in `0..<N`.
    case outOfRange(index: Int, count: Int)
    /// A scheduler variable names this task but not how many tasks there are.
    case missingCount(String)

    public var description: String {
        switch self {
        case .malformed(let text): "shard '\(text)' is not of the form I/N (for example 0/4)"
        case .outOfRange(let index, let count): "shard \(index)/\(count): I must be in 0..<N and N at least 1"
        case .missingCount(let name): "the scheduler gave a task index but \(name) is not set"
        }
    }
}
