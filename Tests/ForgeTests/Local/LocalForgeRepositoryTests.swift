import Actions
import ConveyorTestSupport
import Forge
import Foundation
import Testing

/// Repository facts, permissions and workflow dispatches.
@Suite struct LocalForgeRepositoryTests {
    @Test func theRepositoryInfoComesFromCreation() async throws {
        try await withLocalForge { forge in
            let info = try await forge.repositoryInfo()
            #expect(info.fullName == "octo-org/hello" && info.defaultBranch == "main" && !info.isPrivate)
        }
    }

    @Test func permissionsComeFromTheMapAndAreNoneWhenAbsent() async throws {
        try await withLocalForge { forge in
            try await forge.setPermission(.write, for: "Bob")
            try await forge.setPermission(.triage, for: "carol")
            try await forge.setPermission(.read, for: "CAROL")

            #expect(try await forge.permission(of: "alice") == .admin)
            #expect(try await forge.permission(of: "bob") == .write)
            #expect(try await forge.permission(of: "carol") == .read)
            #expect(try await forge.permission(of: "mallory") == PermissionLevel.none)
            #expect(try await forge.snapshot().permissions == ["alice": "admin", "Bob": "write", "CAROL": "read"])
            let authorizer = Authorizer(permissions: forge)
            #expect(await authorizer.authorize(sender: Sender(login: "bob", kind: .user), selfLogins: []).isAllowed)
            #expect(await !authorizer.authorize(sender: Sender(login: "carol", kind: .user), selfLogins: []).isAllowed)
        }
    }

    @Test func workflowDispatchesAreRecordedInOrder() async throws {
        try await withLocalForge { forge in
            try await forge.dispatchWorkflow("conveyor.yml", ref: "main", inputs: ["issue": "7"])
            try await forge.dispatchWorkflow("conveyor.yml", ref: "conveyor/7")

            let dispatches = try await forge.snapshot().dispatches
            #expect(dispatches.map(\.ref) == ["main", "conveyor/7"])
            #expect(dispatches.map(\.inputs) == [["issue": "7"], [:]])
            #expect(dispatches.allSatisfy { $0.workflow == "conveyor.yml" && $0.actor == "conveyor[bot]" })
            #expect(await failure { try await forge.dispatchWorkflow("", ref: "main") }?.code == .invalidRequest)
        }
    }

    @Test func aFileOfAnotherRepositoryIsNotFound() async throws {
        try await withLocalForge { forge in
            let other = LocalForge(file: forge.file, repository: try RepositorySlug(parsing: "octo-org/other"))
            let error = await failure { try await other.repositoryInfo() }
            #expect(error?.code == .notFound)
            #expect(error?.detail?.contains("holds octo-org/hello, not octo-org/other") == true)
            let sameInOtherCase = LocalForge(
                file: forge.file, repository: try RepositorySlug(parsing: "Octo-Org/Hello"))
            #expect(try await sameInOtherCase.repositoryInfo().fullName == "octo-org/hello")
        }
    }

    @Test func theAuthorIsConfigurable() async throws {
        try await withLocalForge { forge in
            let issue = try await forge.openIssue(title: "Flag", author: "alice")
            let app = LocalForge(file: forge.file, repository: forge.repository, author: "my-app[bot]")
            let comment = try await app.createComment(onIssue: issue.number, body: "Hello")
            #expect(comment.author == Account(login: "my-app[bot]", kind: .bot))
        }
    }
}
