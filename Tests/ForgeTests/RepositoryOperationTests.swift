import Actions
import ConveyorTestSupport
import Forge
import Testing

/// Repository, issue, permission and workflow-dispatch calls on both dialects.
@Suite struct RepositoryOperationTests {
    @Test(arguments: ForgeKind.allCases)
    func theRepositoryNamesItsDefaultBranch(kind: ForgeKind) async throws {
        try await withForge { forge in
            let info = try await forge.client(kind).repositoryInfo()
            #expect(info.defaultBranch == "main")
            #expect(info.fullName == "\(forge.owner)/\(forge.repo)")
            #expect(!info.isPrivate)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func anIssueIsReadWithLabelsAuthorAndKind(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let number = await forge.seedIssue(title: "Crash on start", body: nil, labels: ["bug"], author: "alice")
            let pull = await forge.seedPull(head: "fix/crash")

            let issue = try await client.issue(number)
            #expect(issue.number == number)
            #expect(issue.title == "Crash on start")
            #expect(issue.body.isEmpty)
            #expect(issue.state == .open)
            #expect(issue.hasLabel("BUG"))
            #expect(issue.author.login == "alice")
            // GitHub says what kind of account wrote it; Gitea does not.
            #expect(issue.author.kind == (kind == .github ? .user : .unknown))
            #expect(!issue.isPullRequest)
            #expect(try await client.issue(pull).isPullRequest)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aMissingIssueIsNotFoundWithAHint(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)

            let error = await forgeError { () async throws(ForgeError) in try await client.issue(9999) }

            #expect(error?.code == .notFound)
            #expect(error?.status == 404)
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("Could not read issue #9999 in") == true)
            #expect(error?.description.contains("Check the repository name") == true)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func permissionsAreReadAndANonCollaboratorHasNone(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            await forge.setPermission(user: "alice", level: .write)
            await forge.setPermission(user: "bob", level: .read)

            #expect(try await client.permission(of: forge.owner) == .admin)
            #expect(try await client.permission(of: "alice") == .write)
            #expect(try await client.permission(of: "bob") == .read)
            #expect(try await client.permission(of: "stranger") == PermissionLevel.none)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aWorkflowDispatchReachesTheForgeWithRefAndInputs(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)

            try await client.dispatchWorkflow("conveyor.yml", ref: "main", inputs: ["issue": "7", "stage": "review"])

            let dispatches = await forge.dispatches()
            #expect(dispatches.count == 1)
            #expect(dispatches.first?.dialect == ForgeDialect(kind))
            #expect(dispatches.first?.workflowID == "conveyor.yml")
            #expect(dispatches.first?.ref == "main")
            #expect(dispatches.first?.inputs == ["issue": "7", "stage": "review"])
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func anEmptyNameIsRefusedBeforeAnythingIsSent(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)

            let error = await forgeError { () async throws(ForgeError) in try await client.permission(of: "") }

            #expect(error?.code == .invalidRequest)
            #expect(await forge.exchanges().isEmpty)
        }
    }
}
