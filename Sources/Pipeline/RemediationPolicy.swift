public import Actions

/// What the self-healing supervisor may do, from `remediation` in `.conveyor/config.yml` (ADR 0017).
///
/// ```yaml
/// remediation:
///   mode: shadow                    # off | shadow | on; the CONVEYOR_REMEDIATION variable wins
///   max_auto_reruns: 2              # per stage and episode, counted in state across jobs
///   max_total_duration_minutes: 120 # the stage's runs in one episode, together
///   flaky_reruns: 2                 # reruns of one failing gate command before it counts as a product failure
///   backoff_seconds: 30             # the first wait before an infrastructure retry; it doubles
///   stages:
///     dev: {max_auto_reruns: 3, max_total_duration_minutes: 240}
/// ```
///
/// An *episode* of a stage on a work item starts after the stage last succeeded or last escalated; the limits and
/// the "same failure signature twice" stop count everything recorded since, whichever job recorded it.
public struct RemediationPolicy: Sendable, Hashable {
    /// The limits of one stage.
    public struct Limits: Sendable, Hashable {
        /// Automatic reruns (of the stage or of a command) allowed per episode; 0 allows none.
        public var maxAutoReruns: Int
        /// The longest the episode's runs may take together before the supervisor stops and escalates, in minutes.
        public var maxTotalDurationMinutes: Int

        /// Creates limits.
        public init(maxAutoReruns: Int = 2, maxTotalDurationMinutes: Int = 120) {
            self.maxAutoReruns = maxAutoReruns
            self.maxTotalDurationMinutes = maxTotalDurationMinutes
        }
    }

    /// The configured mode, before the kill switch.
    public var mode: RemediationMode
    /// The limits of every stage without its own.
    public var limits: Limits
    /// Per-stage limits.
    public var stageLimits: [StageName: Limits]
    /// Reruns of one failing gate command to tell a flaky command from a real failure.
    public var flakyReruns: Int
    /// The first wait before an infrastructure retry, in seconds; each further retry waits twice as long.
    public var backoffSeconds: Int

    /// `max_auto_reruns` accepts 0 to 10.
    public static let maxAutoRerunsRange = 0...10
    /// `max_total_duration_minutes` accepts 1 minute to 7 days.
    public static let totalDurationRange = 1...10_080
    /// `flaky_reruns` accepts 0 to 5.
    public static let flakyRerunsRange = 0...5
    /// `backoff_seconds` accepts 0 to 600.
    public static let backoffRange = 0...600

    /// Creates a policy; the defaults are shadow mode, 2 reruns and 120 minutes per stage, 2 flaky reruns and a
    /// 30-second first backoff.
    public init(
        mode: RemediationMode = .shadow, limits: Limits = Limits(), stageLimits: [StageName: Limits] = [:],
        flakyReruns: Int = 2, backoffSeconds: Int = 30
    ) {
        self.mode = mode
        self.limits = limits
        self.stageLimits = stageLimits
        self.flakyReruns = flakyReruns
        self.backoffSeconds = backoffSeconds
    }

    /// The limits of `stage`.
    public func limits(for stage: StageName) -> Limits {
        stageLimits[stage] ?? limits
    }

    /// The mode in force: the kill switch (`CONVEYOR_REMEDIATION`) when set, else the configured mode.
    public func effectiveMode(killSwitch: RemediationMode?) -> RemediationMode {
        killSwitch ?? mode
    }
}
