import Foundation

/// What `conveyor report` shows, computed from the state database: one entry per work item and the repository's
/// totals. Encoded as-is for `--format json` (snake_case keys); the Markdown and HTML renderers read the same value.
public struct PipelineReport: Sendable, Codable, Hashable {
    /// When the report was made, ISO 8601.
    public var generatedAt: String
    /// Runs read from the database.
    public var runCount: Int
    /// Every work item with at least one run, most recently active first.
    public var items: [WorkItem]
    /// Repository-wide figures.
    public var summary: Summary

    /// One issue or pull request and its stages.
    public struct WorkItem: Sendable, Codable, Hashable {
        /// `owner/name`.
        public var repository: String
        /// Issue or pull request number.
        public var number: Int
        /// `issue` or `pull`.
        public var kind: String
        /// The title as last recorded.
        public var title: String
        /// The stage the item is at, nil before the first run.
        public var currentStage: String?
        /// The state of that stage, e.g. `awaiting_review`.
        public var stageState: String?
        /// One entry per stage that ran, in order of its first run.
        public var stages: [Stage]
        /// From the first run's start to the last run's end, in seconds.
        public var leadTimeSeconds: Double
        /// Tokens of every agent session of the item.
        public var tokens: Int
        /// What the agent reported spending, in US dollars.
        public var costUSD: Double
    }

    /// One stage of one work item.
    public struct Stage: Sendable, Codable, Hashable {
        /// The stage name, e.g. `prd`.
        public var name: String
        /// Runs of the stage, including revise rounds.
        public var runs: Int
        /// Runs in mode `revise`.
        public var reviseRounds: Int
        /// Sum of the runs' durations (start to end), in seconds; running runs count to now.
        public var durationSeconds: Double
        /// The gate verdict of each run that reached its gate, oldest first (`pass`, `fail`, `needs_input`).
        public var verdicts: [String]
        /// The status of the last run (`succeeded`, `failed`, `started`, …).
        public var lastStatus: String
        /// Who approved the stage's output (logins from the audit log), oldest first.
        public var approvedBy: [String]
        /// Tokens of the stage's agent sessions.
        public var tokens: Int
        /// Cost of the stage's agent sessions, in US dollars.
        public var costUSD: Double
    }

    /// Figures over every work item.
    public struct Summary: Sendable, Codable, Hashable {
        /// Work items per current stage, in pipeline order of first appearance.
        public var itemsByStage: [Count]
        /// Runs that finished per day (UTC), oldest first.
        public var throughputPerDay: [Count]
        /// Median time per stage from a stage's first run to its last run's end, in hours.
        public var leadTimeHoursByStage: [Amount]
        /// Succeeded runs over finished runs (succeeded + failed), 0…1; nil when none finished.
        public var successRate: Double?
        /// Agent cost per stage, US dollars.
        public var costByStage: [Amount]
        /// Agent cost per day (UTC) of the run's start, US dollars, oldest first.
        public var costByDay: [Amount]
        /// Total agent cost, US dollars.
        public var totalCostUSD: Double
        /// Total tokens.
        public var totalTokens: Int
    }

    /// A label and a count, e.g. a stage and its items.
    public struct Count: Sendable, Codable, Hashable {
        /// The stage or day.
        public var label: String
        /// How many.
        public var value: Int
    }

    /// A label and an amount, e.g. a day and its cost.
    public struct Amount: Sendable, Codable, Hashable {
        /// The stage or day.
        public var label: String
        /// How much, in the unit the field names.
        public var value: Double
    }
}
