import Actions
import ConveyorTestSupport
import Forge
import HTTP
import Testing

/// The authorization matrix against the fake forge, on both dialects.
///
/// The fake forge speaks the 2021 permission API (admin/write/read/none, the subset GitHub's
/// `permission` field still has), so maintain is modelled as `write` and triage as `read`, as real
/// GitHub reports them there. ``AuthorizerRuleTests`` covers all six roles directly.
@Suite struct AuthorizerForgeTests {
    /// A collaborator role, how the fake forge stores it, and whether it may start Conveyor.
    struct Role: Sendable, CustomTestStringConvertible {
        let name: String
        let stored: ForgePermission?
        let allowed: Bool
        var testDescription: String { name }
    }

    static let roles = [
        Role(name: "admin", stored: .admin, allowed: true),
        Role(name: "maintain", stored: .write, allowed: true),
        Role(name: "write", stored: .write, allowed: true),
        Role(name: "triage", stored: .read, allowed: false),
        Role(name: "read", stored: .read, allowed: false),
        Role(name: "none", stored: nil, allowed: false),
    ]

    @Test(arguments: ForgeKind.allCases, roles)
    func writeAndAboveMayTriggerAndLessMayNot(kind: ForgeKind, role: Role) async throws {
        try await withForge { forge in
            if let stored = role.stored { await forge.setPermission(user: "carol", level: stored) }
            let authorizer = Authorizer(permissions: try forge.client(kind))

            let decision = await authorizer.authorize(sender: Sender(login: "carol", kind: .user))

            #expect(decision.isAllowed == role.allowed)
            if !role.allowed {
                let reason = try #require(decision.reason)
                let level = role.stored?.rawValue ?? "none"
                #expect(reason.contains("carol has") && reason.contains(level))
                #expect(reason.contains("requires write, maintain or admin permission"))
                #expect(decision == .denied(reason: reason, retryable: false))
            }
            #expect(await forge.requestCount(.getPermission) == 1)
        }
    }

    @Test(arguments: ForgeKind.allCases, [Sender(login: "renovate", kind: .bot), Sender(login: "dependabot[bot]")])
    func aBotIsDeniedWithoutAskingTheForge(kind: ForgeKind, sender: Sender) async throws {
        try await withForge { forge in
            await forge.setPermission(user: sender.login, level: .admin)
            let authorizer = Authorizer(permissions: try forge.client(kind))

            let decision = await authorizer.authorize(sender: sender)

            #expect(decision.reason?.contains("is a bot") == true)
            #expect(!decision.isAllowed)
            #expect(await forge.requestCount(.getPermission) == 0)
        }
    }

    @Test(arguments: ForgeKind.allCases, ["github-actions[bot]", "gitea-actions", "Conveyor-Bot"])
    func conveyorsOwnEventIsDenied(kind: ForgeKind, login: String) async throws {
        try await withForge { forge in
            await forge.setPermission(user: login, level: .admin)
            let authorizer = Authorizer(permissions: try forge.client(kind))
            let selfLogins = Authorizer.selfLogins(environment: ["CONVEYOR_SELF_LOGIN": "conveyor-bot"])

            let decision = await authorizer.authorize(sender: Sender(login: login, kind: .user), selfLogins: selfLogins)

            #expect(decision.reason?.contains("Conveyor's own event") == true)
            #expect(await forge.requestCount(.getPermission) == 0)
        }
    }

    @Test(arguments: ForgeKind.allCases, [ForgeFault.status(500), .status(503), .dropConnection])
    func aFailingPermissionEndpointDeniesRetryably(kind: ForgeKind, fault: ForgeFault) async throws {
        try await withForge { forge in
            await forge.setPermission(user: "carol", level: .admin)
            await forge.inject(fault, on: .getPermission, times: RetryPolicy.fast.maxAttempts)
            let authorizer = Authorizer(permissions: try forge.client(kind))

            let decision = await authorizer.authorize(sender: Sender(login: "carol", kind: .user))

            let reason = try #require(decision.reason)
            #expect(decision == .denied(reason: reason, retryable: true))
            #expect(reason.contains("could not check whether carol may start it"))
            #expect(reason.hasSuffix("Rerun the job to try again."))
            #expect(await forge.requestCount(.getPermission) == RetryPolicy.fast.maxAttempts)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aRejectedTokenIsTheJobsFaultNotTheSendersAndSaysWhatToFix(kind: ForgeKind) async throws {
        try await withForge { forge in
            let wrongToken = "ghp_NotTheRightToken000000000000000000"
            let authorizer = Authorizer(permissions: try forge.client(kind, token: wrongToken))

            let decision = await authorizer.authorize(sender: Sender(login: forge.owner))

            let reason = try #require(decision.reason)
            #expect(decision == .tokenRejected(reason: reason))
            #expect(reason.contains("HTTP 401"))
            #expect(reason.contains("rejected the token"))
            #expect(!reason.contains(wrongToken) && !reason.contains(forge.token))
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aTokenWithoutAccessDeniesAndNamesTheScope(kind: ForgeKind) async throws {
        try await withForge { forge in
            let body = #"{"message":"Resource not accessible by integration"}"#
            await forge.inject(.status(403, body: body), on: .getPermission)
            let authorizer = Authorizer(permissions: try forge.client(kind))

            let decision = await authorizer.authorize(sender: Sender(login: forge.owner))

            let reason = try #require(decision.reason)
            #expect(decision == .denied(reason: reason, retryable: false))
            #expect(reason.contains(kind == .github ? "`metadata: read`" : "`read:repository`"))
        }
    }
}
