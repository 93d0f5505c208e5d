/// Whether an event's sender may start Conveyor.
public enum AuthorizationDecision: Sendable, Hashable {
    /// The sender may; their permission level.
    case allowed(PermissionLevel)
    /// The sender may not, or it could not be established. `reason` is a full sentence for the log
    /// and job summary; `retryable` is true when rerunning the job may give a different answer (the
    /// forge was unreachable or failing), false when it will not without a change.
    case denied(reason: String, retryable: Bool)
    /// Nobody could be authorized because the forge rejected Conveyor's own token (HTTP 401): the token is
    /// wrong, expired or revoked, so the job is misconfigured rather than the sender refused. `reason` says which
    /// variable holds the token and what to do.
    case tokenRejected(reason: String)

    /// True for ``allowed(_:)``.
    public var isAllowed: Bool {
        if case .allowed = self { true } else { false }
    }

    /// The reason of a denial or a rejected token; nil when allowed.
    public var reason: String? {
        switch self {
        case .allowed: nil
        case .denied(let reason, _), .tokenRejected(let reason): reason
        }
    }
}
