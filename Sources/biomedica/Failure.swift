import ArgumentParser

/// Prints `message` to stderr as `biomedica: error: ...` and returns the exit code to throw.
func fail(_ message: String, status: ExitCode) -> ExitCode {
    FileOutput.standardError.emit("biomedica: error: \(message)\n")
    return status
}
