import Forge
import Triggers

/// The outcome of checking who asked for a run.
public struct AuthorizationOutcome: Sendable, Equatable {
    /// True when the run may go ahead.
    public let authorized: Bool
    /// Why, in one sentence.
    public let reason: String
    /// True when asking again later may succeed (the forge could not be asked).
    public let retryable: Bool
    /// True when the forge rejected Conveyor's own token (401): the job fails with a configuration error
    /// (exit 65) instead of reporting a refused sender.
    public var tokenRejected = false
    /// True when the sender is Conveyor's own identity and the run was authorized by an approval recorded in
    /// state (a chained dispatch), not by the sender's permission.
    public var byRecordedApproval = false

    /// Creates an outcome.
    public init(authorized: Bool, reason: String, retryable: Bool, tokenRejected: Bool = false) {
        self.authorized = authorized
        self.reason = reason
        self.retryable = retryable
        self.tokenRejected = tokenRejected
    }
}

/// Checks the sender of a run against the forge, failing closed.
public enum SenderAuthorization {
    /// Authorizes `run`: the heartbeat needs no sender; everything else needs a User with write, maintain or
    /// admin permission, asked of the forge through `permissions`.
    ///
    /// - Parameter permissions: nil when no forge client could be built (no token); the run is then denied.
    public static func check(
        _ run: TriggerRun, permissions: (any PermissionLookup)?, selfLogins: Set<String>
    ) async -> AuthorizationOutcome {
        if case .tick = run.operation {
            return AuthorizationOutcome(
                authorized: true, reason: "The scheduled heartbeat has no sender to authorize.", retryable: false)
        }
        if case .docAudit = run.operation, case .pullRequest = run.source {
            // Anyone who can open a pull request gets its audit; a fork's gets the deterministic checks only, with
            // configuration from the base branch and no agent (DocAuditJob), so there is nothing to authorize.
            return AuthorizationOutcome(
                authorized: true,
                reason: "A pull request's doc audit runs for every pull request; one from a fork gets the "
                    + "deterministic checks only.", retryable: false)
        }
        guard let actor = run.actor else {
            return AuthorizationOutcome(
                authorized: false, reason: "The event names no sender, so nobody can be authorized; nothing runs.",
                retryable: false)
        }
        guard let permissions else {
            return AuthorizationOutcome(
                authorized: false,
                reason: "No forge token, so the permission of \(actor.login) cannot be checked; pass "
                    + "`GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` in the step's env.",
                retryable: false)
        }
        let sender = Account(login: actor.login, kind: accountKind(actor.type))
        switch await Authorizer(permissions: permissions).authorize(sender: sender, selfLogins: selfLogins) {
        case .allowed(let level):
            return AuthorizationOutcome(
                authorized: true, reason: "\(actor.login) has \(level) permission.", retryable: false)
        case .denied(let reason, let retryable):
            return AuthorizationOutcome(authorized: false, reason: reason, retryable: retryable)
        case .tokenRejected(let reason):
            return AuthorizationOutcome(
                authorized: false,
                reason: reason + " The forge token (CONVEYOR_TOKEN, GITHUB_TOKEN, GITEA_TOKEN or INPUT_TOKEN) is "
                    + "wrong, expired or revoked; pass a valid one in the step's env.",
                retryable: false, tokenRejected: true)
        }
    }

    private static func accountKind(_ kind: Actor.Kind) -> AccountKind {
        switch kind {
        case .user: .user
        case .bot: .bot
        case .organization: .organization
        case .unspecified: .unknown
        }
    }
}

extension SenderAuthorization {
    /// True when `login` is Conveyor's own identity (the built-in Actions bots or a configured self login).
    public static func isSelf(_ login: String, selfLogins: Set<String>) -> Bool {
        selfLogins.contains { $0.lowercased() == login.lowercased() }
    }

    /// The authorization of a stage that Conveyor itself dispatched after an approval: the sender of such a
    /// `workflow_dispatch` is Conveyor's own identity, which is never authorized by itself; the run goes ahead
    /// only because state holds the approval it was dispatched for (``FlowState/pendingDispatches``).
    ///
    /// - Returns: nil when `run` is not a stage started by workflow inputs from Conveyor's own identity (the
    ///   sender's permission decides then); otherwise the outcome, naming the approval and its event.
    public static func checkChained(
        _ run: TriggerRun, state: FlowState, selfLogins: Set<String>
    ) -> AuthorizationOutcome? {
        guard case .stage(let stage) = run.operation, run.source == .inputs, let actor = run.actor,
            isSelf(actor.login, selfLogins: selfLogins)
        else { return nil }
        guard let pending = state.pendingDispatches.last(where: { $0.stage == stage }) else {
            return AuthorizationOutcome(
                authorized: false,
                reason: "\(actor.login) is Conveyor's own identity, which is never authorized by itself, and state "
                    + "holds no approval that `\(stage)` was dispatched for; nothing runs.",
                retryable: false)
        }
        let approval =
            pending.approvalOf.map { "the approval of `\($0)`" }
            ?? (pending.event.hasPrefix(RedispatchKey.eventPrefix)
                ? "the self-healing supervisor's re-dispatch" : "the owner's request")
        var outcome = AuthorizationOutcome(
            authorized: true,
            reason: "Dispatched by Conveyor (\(actor.login), never authorized by itself) because state holds "
                + "\(approval) by \(pending.approvedBy) from \(pending.event).",
            retryable: false)
        outcome.byRecordedApproval = true
        return outcome
    }
}
