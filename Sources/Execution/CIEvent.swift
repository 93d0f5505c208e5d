/// The audit-log (`flow_events`) entries of a dev run that ended waiting for CI (`dev.ci.mode: pending`) and of
/// `conveyor tick`'s judgement of it ([ADR 0016](../../docs/architecture/0016-dev-and-qa-judged-by-commands.md)).
///
/// A `ci.pending` entry carries `head`, `pull`, `run` and `attempts` (the dev attempts used so far, across the runs
/// tick dispatched). Each gets at most one judgement, keyed ``judgementKey(_:)``, so a second tick never judges it
/// again.
public enum CIEvent: String, Sendable, CaseIterable {
    /// The dev run pushed `head` and ended without waiting for its CI.
    case pending = "ci.pending"
    /// Every check of the recorded head passed (or none reported within `no_checks_seconds`): the item went to review.
    case passed = "ci.passed"
    /// A check of the recorded head failed: dev was dispatched again (`redispatched: true`, with `attempts` and the
    /// failing checks as `feedback`), or, with the attempts spent, the item was blocked.
    case failed = "ci.failed"
    /// The recorded head's checks were still pending past `dev.ci.timeout_seconds`: the item was blocked.
    case timedOut = "ci.timed_out"
    /// Nothing was judged: a run started on the item since (`superseded_by`), or the pull request's head moved with
    /// no run of Conveyor's since (`current_head`: someone else pushed; the item was blocked).
    case stale = "ci.stale"

    /// Every judgement.
    public static let judgements: [CIEvent] = [.passed, .failed, .timedOut, .stale]

    /// The idempotency key of the judgement of the `ci.pending` entry keyed `pendingKey`.
    public static func judgementKey(_ pendingKey: String) -> String { "ci.judged:\(pendingKey)" }

    /// The run `conveyor tick` records when it judges `runID`'s CI red, timed out or stale: `<run>-ci`, failed, started
    /// by `tick`. It is a judgement of that run, not a run of its own (`conveyor report` counts it so).
    public static func judgementRunID(_ runID: String) -> String { "\(runID)-ci" }

    /// How the dev attempt a `ci.pending` entry left `ci_pending` ends in `attempts` when this judgement is made, in
    /// the words the dev loop uses when it waits for CI itself: `passed`; `ci_failed` (class `product`);
    /// `ci_timed_out` (class `infra`); `ci_stale` (no class: nothing was judged). `pending` itself is `ci_pending`.
    public var attemptStatus: (status: String, failureClass: String?) {
        switch self {
        case .pending: ("ci_pending", nil)
        case .passed: ("passed", nil)
        case .failed: ("ci_failed", "product")
        case .timedOut: ("ci_timed_out", "infra")
        case .stale: ("ci_stale", nil)
        }
    }
}
