import ArgumentParser

/// Exit statuses with a meaning, from BSD's sysexits so that schedulers and scripts can tell a
/// retryable failure (the source was unreachable) from one that needs a person (bad flags).
enum ExitStatus {
    /// Input that exists but cannot be used as it is (a merge part that is unfinished, built with other flags, or overlapping another).
    static let dataError = ExitCode(65)
    /// A source or catalog that should exist does not.
    static let noInput = ExitCode(66)
    /// The source cannot be reached.
    static let unavailable = ExitCode(69)
    /// The catalog cannot be created or written.
    static let cannotCreate = ExitCode(73)
}
