/// One of the repository's own commands (`commands:` in the configuration), run by Conveyor in the work tree to
/// judge the dev and qa stages by exit status.
public struct RepositoryCommand: Sendable, Hashable {
    /// The name the configuration gives it, e.g. `test`.
    public var name: String
    /// The program and its arguments; a command written as one string is `["sh", "-c", line]`.
    public var arguments: [String]
    /// Its wall-clock limit in seconds (configured in minutes, default 10).
    public var timeoutSeconds: Int

    /// The default limit: 10 minutes.
    public static let defaultTimeoutSeconds = 600

    /// Creates a command.
    public init(name: String, arguments: [String], timeoutSeconds: Int = RepositoryCommand.defaultTimeoutSeconds) {
        self.name = name
        self.arguments = arguments
        self.timeoutSeconds = timeoutSeconds
    }

    /// The command line as shown to people: `sh -c` lines unwrapped, other arguments joined by spaces.
    public var shown: String {
        if arguments.count == 3, arguments[0] == "sh", arguments[1] == "-c" { return arguments[2] }
        return arguments.joined(separator: " ")
    }
}

/// How Conveyor waits for the pull request head's CI after the dev stage pushes (`dev.ci`).
public struct CISettings: Sendable, Hashable {
    /// What the dev stage does after its push.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Poll the head's checks until they are all done or ``CISettings/timeoutSeconds`` passes.
        case wait
        /// Record the head as waiting for CI and end the run `pending`; `conveyor tick` judges it later.
        case pending
        /// Do not look at CI.
        case off
    }

    /// What to do; `wait` by default.
    public var mode: Mode = .wait
    /// How long to wait for every check of the head to finish (default 30 minutes).
    public var timeoutSeconds: Int = 1800
    /// The first pause between polls; each later pause doubles, up to ``maxPollSeconds`` (default 5).
    public var pollSeconds: Int = 5
    /// The longest pause between polls (default 60).
    public var maxPollSeconds: Int = 60
    /// When the head has no check at all after this long, the repository is taken to have no CI and the stage goes
    /// on (default 60 seconds).
    public var noChecksSeconds: Int = 60
    /// Check names or status contexts that are ignored, e.g. Conveyor's own `conveyor/dev`.
    public var ignore: [String] = []

    /// Creates the defaults.
    public init() {}
}

/// Spending limits (`budgets:`); every limit is off unless configured.
public struct Budgets: Sendable, Hashable {
    /// One limit in US dollars and one in tokens (input, cached and output together); nil is no limit.
    public struct Limit: Sendable, Hashable {
        /// The most that may be spent, in US dollars.
        public var usd: Double?
        /// The most tokens that may be used.
        public var tokens: Int?

        /// Creates a limit.
        public init(usd: Double? = nil, tokens: Int? = nil) {
            self.usd = usd
            self.tokens = tokens
        }

        /// True when neither limit is set.
        public var isOff: Bool { usd == nil && tokens == nil }
    }

    /// Spend of one stage on one work item, all its runs together.
    public var stage = Limit()
    /// Spend of every stage on one work item.
    public var workItem = Limit()
    /// Spend of every run in the repository since midnight UTC.
    public var day = Limit()
    /// The most model turns one agent run may take (Claude Code's `--max-turns`); nil leaves the CLI's default.
    public var maxTurns: Int?

    /// Creates budgets with every limit off.
    public init() {}

    /// True when no limit at all is set.
    public var isOff: Bool { stage.isOff && workItem.isOff && day.isOff && maxTurns == nil }
}

/// What the dev and qa stages run and how far they go (`commands:`, `dev:`, `qa:`, `budgets:`).
public struct WorkSettings: Sendable, Hashable {
    /// The repository's own commands, in the order the file lists them.
    public var commands: [RepositoryCommand] = []
    /// How many agent attempts one dev run may make, the first included (`dev.max_dev_attempts`, default 3).
    public var maxDevAttempts: Int = 3
    /// The most bytes of a failing command's output handed back to the agent (`dev.feedback_bytes`, default 16 KiB):
    /// the head and the tail are kept, the middle is cut with a note saying how much.
    public var feedbackBytes: Int = 16_384
    /// Globs the dev stage may never change, beyond the built-in ones (``builtInProtectedPaths``).
    public var protectedPaths: [String] = []
    /// The names of the commands dev runs; empty runs them all.
    public var devCommands: [String] = []
    /// The names of the commands qa runs; empty runs them all.
    public var qaCommands: [String] = []
    /// Waiting for CI after the dev stage's push.
    public var ci = CISettings()
    /// Spending limits.
    public var budgets = Budgets()

    /// Paths no agent of the dev stage may change: workflows, Conveyor's own configuration, the generated docset
    /// and issue map.
    public static let builtInProtectedPaths = [
        ".github/**", ".gitea/**", ".conveyor/**", "docs/_docset/**", "docs/_index/**",
    ]

    /// The most `max_dev_attempts` may be.
    public static let maxDevAttemptsRange = 1...10

    /// Creates the defaults.
    public init() {}

    /// The commands `stage` runs: the named ones in the order named, or all of them; none for other stages.
    public func commands(for stage: StageName) -> [RepositoryCommand] {
        let names: [String]
        switch stage {
        case .dev: names = devCommands
        case .qa: names = qaCommands
        default: return []
        }
        guard !names.isEmpty else { return commands }
        return names.compactMap { name in commands.first { $0.name == name } }
    }
}
