import Forge
import Foundation
import Testing

/// Reading permission levels from both forges' permission bodies, current GitHub's `role_name` included.
@Suite struct PermissionLevelTests {
    private func level(_ json: String) throws -> PermissionLevel {
        try JSONDecoder().decode(CollaboratorPermission.self, from: Data(json.utf8)).level
    }

    @Test func currentGitHubRoleNameWinsOverTheCoarsePermission() throws {
        #expect(try level(#"{"permission":"write","role_name":"maintain","user":{"login":"a"}}"#) == .maintain)
        #expect(try level(#"{"permission":"read","role_name":"triage","user":{"login":"a"}}"#) == .triage)
        #expect(try level(#"{"permission":"admin","role_name":"admin","user":null}"#) == .admin)
        #expect(try level(#"{"permission":"write","role_name":"write"}"#) == .write)
    }

    @Test func theCoarsePermissionIsUsedWhenTheRoleIsMissingOrCustom() throws {
        // The 2021 API (and the corpus subset) has no role_name: maintain reads as write, triage as read.
        #expect(try level(#"{"permission":"write","user":{"login":"a"}}"#) == .write)
        #expect(try level(#"{"permission":"read","user":{"login":"a"}}"#) == .read)
        // A GitHub Enterprise custom role is not a level; its base permission is.
        #expect(try level(#"{"permission":"write","role_name":"security-engineer"}"#) == .write)
    }

    @Test func giteaOwnerIsAdminAndUnknownOrMissingIsNone() throws {
        #expect(try level(#"{"permission":"owner","role_name":"owner","user":{"login":"o"}}"#) == .admin)
        #expect(try level(#"{"permission":"Admin"}"#) == .admin)
        #expect(try level(#"{"permission":"superuser"}"#) == PermissionLevel.none)
        #expect(try level(#"{}"#) == PermissionLevel.none)
    }

    @Test func levelsAreOrderedAndOnlyWriteAndAboveMayTrigger() {
        #expect(PermissionLevel.allCases.sorted(by: >) == [.admin, .maintain, .write, .triage, .read, .none])
        #expect(PermissionLevel.allCases.filter(\.mayTrigger) == [.admin, .maintain, .write])
        #expect(PermissionLevel(forgeName: "MAINTAIN") == .maintain)
        #expect(PermissionLevel(forgeName: "pull") == nil)
    }
}
