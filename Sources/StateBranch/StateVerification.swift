/// What `conveyor state verify` found on the state branch.
public struct StateVerification: Codable, Sendable, Equatable {
    /// One problem, with what to do about it.
    public struct Problem: Codable, Sendable, Equatable, CustomStringConvertible {
        /// `history`, `file`, `database`, `integrity` or `run`.
        public let kind: String
        /// What is wrong.
        public let detail: String
        /// What to do about it.
        public let fix: String

        /// Creates a problem.
        public init(kind: String, detail: String, fix: String) {
            self.kind = kind
            self.detail = detail
            self.fix = fix
        }

        public var description: String { "\(kind): \(detail) Fix: \(fix)" }
    }

    /// The tip that was checked, as 40 hex digits; nil when the branch does not exist.
    public let tip: String?
    /// How many commits the history walk visited.
    public let commits: Int
    /// How many runs the database records.
    public let runs: Int
    /// Every problem found; empty when the state is sound.
    public let problems: [Problem]

    /// Creates a verification result.
    public init(tip: String?, commits: Int, runs: Int, problems: [Problem]) {
        self.tip = tip
        self.commits = commits
        self.runs = runs
        self.problems = problems
    }

    /// True when nothing is wrong.
    public var isOK: Bool { problems.isEmpty }
}
