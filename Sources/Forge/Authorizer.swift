import Actions
import Foundation

/// Decides whether an event's sender may start Conveyor, failing closed.
///
/// Rules, in order:
/// 1. A login in `selfLogins` (Conveyor's own token identity) is denied: it is Conveyor's own event.
/// 2. A bot (type `Bot`, or a login ending in `[bot]`) is denied, without asking the forge.
/// 3. Otherwise the forge's collaborator-permission endpoint decides: admin, maintain and write are
///    allowed; triage, read and none are denied.
/// 4. When the permission cannot be read, the sender is denied: retryably when the forge was
///    unreachable, timed out, failed with 5xx or rate-limited the token; not retryably for a token without
///    access (403) or an answer that cannot be read. A rejected token (401) is ``AuthorizationDecision/tokenRejected(reason:)``:
///    the job, not the sender, is at fault.
public struct Authorizer: Sendable {
    /// The identities of the forges' built-in job tokens: GitHub's `GITHUB_TOKEN` acts as
    /// `github-actions[bot]`, Gitea's Actions token as `gitea-actions`.
    public static let builtInSelfLogins: Set<String> = ["github-actions[bot]", "gitea-actions"]

    /// The variable naming further logins of Conveyor's own token (e.g. a bot account whose personal
    /// token is used); several may be separated by commas or spaces.
    public static let selfLoginVariable = "CONVEYOR_SELF_LOGIN"

    private let permissions: any PermissionLookup

    /// Creates an authorizer that reads permissions through `permissions` (usually a ``ForgeClient``).
    public init(permissions: any PermissionLookup) {
        self.permissions = permissions
    }

    /// ``builtInSelfLogins`` plus the logins in ``selfLoginVariable`` of `environment`.
    public static func selfLogins(environment: [String: String]) -> Set<String> {
        let configured = (environment[selfLoginVariable] ?? "").split { $0 == "," || $0.isWhitespace }
        return builtInSelfLogins.union(configured.map(String.init))
    }

    /// Decides for `sender`; logins are compared without case, as both forges treat them.
    ///
    /// - Parameter selfLogins: the logins Conveyor's own token acts as (``selfLogins(environment:)``).
    public func authorize(sender: Sender, selfLogins: Set<String> = Authorizer.builtInSelfLogins) async
        -> AuthorizationDecision
    {
        let login = sender.login
        guard !login.isEmpty else {
            return .denied(reason: Reasons.noLogin, retryable: false)
        }
        if selfLogins.contains(where: { $0.caseInsensitiveCompare(login) == .orderedSame }) {
            return .denied(reason: Reasons.ownEvent(login), retryable: false)
        }
        if sender.isBot {
            return .denied(reason: Reasons.bot(login), retryable: false)
        }
        do {
            let level = try await permissions.permission(of: login)
            guard level.mayTrigger else {
                return .denied(
                    reason: Reasons.insufficient(login, level, repository: permissions.repository), retryable: false)
            }
            return .allowed(level)
        } catch let error where error.code == .unauthorized {
            return .tokenRejected(reason: Reasons.unknown(login, error))
        } catch {
            return .denied(
                reason: Reasons.unknown(login, error), retryable: error.isRetryable || error.code == .cancelled)
        }
    }
}
