import ArgumentParser
import Pipeline

/// The options that set how network sources use HTTP: connections, rate, tries and timeouts.
struct NetworkOptions: ParsableArguments {
    private static let standard = HTTPSettings.standard

    @Option(help: ArgumentHelp(
        "Connections kept open to one host at most; files and metadata are fetched this many at a time (default: \(standard.connections) here, 8 per core from 16 to 64).",
        valueName: "N"))
    var connections: Int?

    @Option(help: ArgumentHelp(
        "Requests per second sent to one host at most, retries included (default: no limit). Be polite to mirrors: --rate 10.",
        valueName: "R"))
    var rate: Double?

    @Option(help: ArgumentHelp(
        "Tries per request, the first included, before the file is recorded as failed (default: \(standard.tries)). Waits between tries grow with random jitter; Retry-After is obeyed.",
        valueName: "N"))
    var tries: Int?

    @Option(help: ArgumentHelp("Seconds a connection may take to open (default: \(standard.connectTimeout.components.seconds)).", valueName: "S"))
    var connectTimeout: Double?

    @Option(help: ArgumentHelp(
        "Seconds a connection may stay silent before the try is abandoned and retried (default: \(standard.readTimeout.components.seconds)).",
        valueName: "S"))
    var readTimeout: Double?

    @Option(help: ArgumentHelp(
        "Seconds one try of a request may take, body included; a download cut short resumes where it stopped (default: \(standard.requestTimeout.components.seconds)).",
        valueName: "S"))
    var requestTimeout: Double?

    func validate() throws {
        if let connections, connections < 1 { throw ValidationError("--connections must be at least 1") }
        // Below one request in 1000 s, the spacing would overflow and no run would end anyway.
        if let rate, !(rate >= 0.001) { throw ValidationError("--rate must be at least 0.001 requests per second") }
        if let tries, tries < 1 { throw ValidationError("--tries must be at least 1") }
        for (name, seconds) in [("--connect-timeout", connectTimeout), ("--read-timeout", readTimeout), ("--request-timeout", requestTimeout)] {
            if let seconds, !(seconds > 0) { throw ValidationError("\(name) must be above 0 seconds") }
        }
    }

    /// The settings these options describe, the standard ones where an option is not given.
    var settings: HTTPSettings {
        var settings = Self.standard
        settings.connections = connections ?? settings.connections
        settings.requestsPerSecond = rate
        settings.tries = tries ?? settings.tries
        settings.connectTimeout = connectTimeout.map { .seconds($0) } ?? settings.connectTimeout
        settings.readTimeout = readTimeout.map { .seconds($0) } ?? settings.readTimeout
        settings.requestTimeout = requestTimeout.map { .seconds($0) } ?? settings.requestTimeout
        return settings
    }
}
