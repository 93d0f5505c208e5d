import Actions
import ConveyorTestSupport
import Forge
import Testing

/// Conveyor's status comment is found whatever identity the token has, with no configuration, and a marker
/// pasted by someone else is never taken for it.
@Suite struct OwnCommentFinderTests {
    static let marker = "<!-- conveyor:status:1 -->"

    @Test(arguments: ForgeKind.allCases)
    func aUserTokensCommentIsFoundThroughTheAccountTheForgeNames(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.setTokenIdentity(.user("release-bot"))
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            await forge.seedComment(issue: issue, body: "quoting \(Self.marker)", author: "mallory")
            let own = try await client.createComment(onIssue: issue, body: "\(Self.marker)\nStage: intake")
            #expect(own.author.login == "release-bot")

            let builtIn = Authorizer.selfLogins(environment: [:])
            #expect(try await client.findComment(onIssue: issue, containing: Self.marker, authors: builtIn) == nil)
            let found = try await OwnCommentFinder(forge: client, configuredLogins: builtIn)
                .find(onIssue: issue, marker: Self.marker)
            #expect(found?.id == own.id)
        }
    }

    @Test func anAppInstallationTokensCommentIsFoundAsABotWhenTheForgeWillNotSayWhoItIs() async throws {
        try await withForge { forge in
            await forge.setTokenIdentity(.app(slug: "conveyor-app"))
            let client = try forge.client(.github)
            let issue = await forge.seedIssue()
            await forge.seedComment(issue: issue, body: "quoting \(Self.marker)", author: "mallory")
            let own = try await client.createComment(onIssue: issue, body: "\(Self.marker)\nStage: intake")
            #expect(own.author.isBot)
            #expect(try await client.currentUser() == nil, "GitHub answers 403 to GET /user for an installation")

            let found = try await OwnCommentFinder(
                forge: client, configuredLogins: Authorizer.selfLogins(environment: [:])
            )
            .find(onIssue: issue, marker: Self.marker)
            #expect(found?.id == own.id)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func theCommentStateRecordedWinsOverAnEarlierOneByTheSameAccount(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.setTokenIdentity(.user("maintainer"))
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            await forge.seedComment(issue: issue, body: "see \(Self.marker) below", author: "maintainer")
            let own = try await client.createComment(onIssue: issue, body: "\(Self.marker)\nStage: intake")
            let finder = OwnCommentFinder(forge: client, configuredLogins: [])

            #expect(try await finder.find(onIssue: issue, marker: Self.marker, recordedIDs: [own.id])?.id == own.id)
            #expect(await forge.requestCount(.getAuthenticatedUser) == 0, "state's record needs no GET /user")
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aMarkerOnlyOthersPastedIsNotConveyors(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.setTokenIdentity(.user("release-bot"))
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            await forge.seedComment(issue: issue, body: "quoting \(Self.marker)", author: "mallory")
            let finder = OwnCommentFinder(forge: client, configuredLogins: Authorizer.selfLogins(environment: [:]))
            #expect(try await finder.find(onIssue: issue, marker: Self.marker, recordedIDs: [12_345]) == nil)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func theTokensAccountIsReadFromGetUser(kind: ForgeKind) async throws {
        try await withForge { forge in
            await forge.setTokenIdentity(.user("release-bot"))
            let client = try forge.client(kind)
            #expect(try await client.currentUser()?.login == "release-bot")
        }
    }
}
