import Actions
import Forge
import Testing

/// The authorizer's rules for every permission level, with a permission source that answers a fixed
/// level (the forge-backed matrix is in ``AuthorizerForgeTests``).
@Suite struct AuthorizerRuleTests {
    /// Answers the same for every login.
    struct FixedPermissions: PermissionLookup {
        let kind = ForgeKind.github
        let repository: RepositorySlug
        let answer: Result<PermissionLevel, ForgeError>

        init(_ answer: Result<PermissionLevel, ForgeError>) throws {
            repository = try RepositorySlug(parsing: "octo-org/hello-world")
            self.answer = answer
        }

        func permission(of login: String) async throws(ForgeError) -> PermissionLevel {
            try answer.get()
        }
    }

    @Test(arguments: PermissionLevel.allCases)
    func everyLevelDecidesAsDocumented(level: PermissionLevel) async throws {
        let authorizer = Authorizer(permissions: try FixedPermissions(.success(level)))

        let decision = await authorizer.authorize(sender: Sender(login: "dana", kind: .user), selfLogins: [])

        switch level {
        case .admin, .maintain, .write:
            #expect(decision == .allowed(level))
        case .triage, .read, .none:
            let reason = try #require(decision.reason)
            #expect(decision == .denied(reason: reason, retryable: false))
            #expect(reason.contains(level == .none ? "has no access (none)" : "has \(level) permission"))
            #expect(reason.contains("octo-org/hello-world"))
            #expect(reason.hasSuffix("."))
        }
    }

    @Test func selfLoginsAreTheBuiltInOnesPlusTheConfiguredOnes() {
        #expect(Authorizer.selfLogins(environment: [:]) == ["github-actions[bot]", "gitea-actions"])
        #expect(
            Authorizer.selfLogins(environment: ["CONVEYOR_SELF_LOGIN": "conveyor-bot, ci-user"])
                == ["github-actions[bot]", "gitea-actions", "conveyor-bot", "ci-user"])
    }

    @Test func anEmptyLoginIsDenied() async throws {
        let authorizer = Authorizer(permissions: try FixedPermissions(.success(.admin)))

        let decision = await authorizer.authorize(sender: Sender(login: ""), selfLogins: [])

        #expect(decision.reason?.contains("names no sender") == true)
    }

    @Test func aCancelledLookupIsDeniedRetryably() async throws {
        let repository = try RepositorySlug(parsing: "octo-org/hello-world")
        let cancelled = ForgeError(
            code: .cancelled, operation: "read the repository permission of dana", forge: .gitea,
            repository: repository, detail: "The task was cancelled before the forge answered.")
        let authorizer = Authorizer(permissions: try FixedPermissions(.failure(cancelled)))

        let decision = await authorizer.authorize(sender: Sender(login: "dana"), selfLogins: [])

        #expect(decision == .denied(reason: try #require(decision.reason), retryable: true))
    }
}
