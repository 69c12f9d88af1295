import ArgumentParser
import Pipeline

/// Runs a command's work and turns a failure into its exit status: the error printed as
/// `biomedica: error: ...` on stderr, the status from the library's one table (`ExitStatus`).
/// Argument errors and exits the parser knows pass through as they are.
func reportingFailures<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        FileOutput.standardError.emit("biomedica: error: \(ErrorText.describe(error))\n")
        throw ExitCode(ExitStatus(for: error).rawValue)
    }
}
