/// One finding of `conveyor doctor`: what was checked, what was found, and what to do about it.
public struct DoctorCheck: Codable, Equatable, Sendable {
    /// How serious a finding is.
    public enum Status: String, Codable, Sendable {
        /// Everything a job needs is there.
        case ok
        /// A job can run, but something is off or missing outside Actions.
        case warning
        /// A job will fail until this is fixed.
        case failure
    }

    /// A short, stable identifier (`libgit2`, `libcurl`, `sqlite`, `forge`, `api-url`, `repository`, `token`).
    public let name: String
    /// The outcome.
    public let status: Status
    /// What was found, in a few words (a version, a URL, where a token came from). Never a secret.
    public let value: String
    /// One sentence that names the fix; nil when there is nothing to fix.
    public let fix: String?

    /// Creates a finding.
    public init(name: String, status: Status, value: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.value = value
        self.fix = fix
    }
}
