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
    /// The pull request's head is no longer the recorded one (someone pushed): nothing was judged.
    case stale = "ci.stale"

    /// Every judgement.
    public static let judgements: [CIEvent] = [.passed, .failed, .timedOut, .stale]

    /// The idempotency key of the judgement of the `ci.pending` entry keyed `pendingKey`.
    public static func judgementKey(_ pendingKey: String) -> String { "ci.judged:\(pendingKey)" }
}
