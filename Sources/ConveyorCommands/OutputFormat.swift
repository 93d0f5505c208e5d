import ArgumentParser

/// How a read command prints its result: for people, or as one JSON document for scripts.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Lines for a person reading the job log.
    case text
    /// One JSON document on standard output.
    case json
}
