import Foundation

/// The `release_train:` section of `.conveyor/config.yml`: when the weekly release train starts, where it
/// creates milestones, which teams confirm readiness, and how often the heartbeat looks at each waiting step.
///
/// ```yaml
/// release_train:
///   start: {weekday: friday, time: "11:00", timezone: Europe/Moscow}
///   repositories: [acme/app, acme/api]      # default: the repository the workflow runs in
///   teams:
///     backend: [bob, carol]                 # the logins that may say `/ready backend`
///     ios: [dave]
///   labels: [release]                       # put on the release issue
///   check_intervals: {WAIT_START_APPROVAL: 15m, WAIT_MEETING_CONFIRMATION: 4h, WAIT_READINESS_CONFIRMATIONS: 15m}
/// ```
///
/// The train runs only in repositories whose file has a `release_train:` section (``isEnabled``), unless it says
/// `enabled: false`.
public struct ReleaseTrainSettings: Sendable, Hashable {
    /// One team that confirms readiness, and the logins allowed to confirm for it.
    public struct Team: Sendable, Hashable {
        /// The name used in `/ready <name>` and in the readiness table, e.g. `backend`.
        public var name: String
        /// The team leads' logins, compared without case.
        public var leads: [String]

        /// Creates a team.
        public init(name: String, leads: [String]) {
            self.name = name
            self.leads = leads
        }
    }

    /// True when the file has a `release_train:` section without `enabled: false`.
    public var isEnabled = false
    /// The day of the week the train starts, 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday = 5
    /// The local hour (0–23) and minute of the start.
    public var hour = 11
    /// The minute of the start.
    public var minute = 0
    /// The IANA time zone of ``weekday``, ``hour`` and ``minute``.
    public var timeZone = "Europe/Moscow"
    /// The repositories (`owner/name`) that get a milestone; empty: the workflow's own repository.
    public var repositories: [String] = []
    /// The teams asked for readiness, in table order.
    public var teams: [Team] = []
    /// Labels put on the release issue.
    public var labels: [String] = ["release"]
    /// Minutes between two looks of the heartbeat at a train waiting in each state (keyed by state name).
    public var checkIntervalMinutes: [String: Int] = ReleaseTrainSettings.defaultCheckIntervals

    /// 15 minutes while the owner or the team leads are expected to answer soon (start approval, readiness); four
    /// hours while the train waits for the release-fixing meeting.
    public static let defaultCheckIntervals = [
        "WAIT_START_APPROVAL": 15, "WAIT_MEETING_CONFIRMATION": 240, "WAIT_READINESS_CONFIRMATIONS": 15,
    ]

    /// The defaults: Friday 11:00 Europe/Moscow, no teams, disabled.
    public init() {}
}

/// The `tick:` section of `.conveyor/config.yml`: the heartbeat's own chores.
///
/// ```yaml
/// tick:
///   reminders: true            # remind once a day of items waiting for approval or input
///   remind_after: 24h          # how long an item waits before the first reminder
///   mention: [alice]           # who the reminder mentions (default: nobody)
///   repair_interval: 4h        # how often status comments are compared with state
///   lease_grace: 0m            # how long past its expiry a lease is left alone
/// ```
public struct HeartbeatSettings: Sendable, Hashable {
    /// True when the heartbeat reminds of items waiting for approval or input.
    public var reminders = true
    /// Minutes an item waits before its first reminder.
    public var remindAfterMinutes = 24 * 60
    /// Logins the reminder mentions.
    public var mention: [String] = []
    /// Minutes between two comparisons of the status comments with state.
    public var repairIntervalMinutes = 4 * 60
    /// Minutes a lease may be past its expiry before the heartbeat frees it.
    public var leaseGraceMinutes = 0

    /// The defaults.
    public init() {}
}
