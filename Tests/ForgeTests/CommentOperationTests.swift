import Actions
import ConveyorTestSupport
import Forge
import Testing

/// Comments: create, list, find by hidden marker, edit; on both dialects.
@Suite struct CommentOperationTests {
    @Test(arguments: ForgeKind.allCases)
    func aStatusCommentIsCreatedFoundByItsMarkerAndUpdated(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            await forge.seedComment(issue: issue, body: "I can reproduce this.", author: "alice")
            let marker = "<!-- conveyor:status:\(issue) -->"

            #expect(try await client.findComment(onIssue: issue, containing: marker) == nil)
            let created = try await client.createComment(onIssue: issue, body: "\(marker)\nStage: intake")
            let found = try #require(try await client.findComment(onIssue: issue, containing: marker))
            #expect(found.id == created.id)
            #expect(found.author.login == forge.owner)

            let updated = try await client.updateComment(id: found.id, body: "\(marker)\nStage: review")
            #expect(updated.id == created.id)
            #expect(updated.body.hasSuffix("Stage: review"))
            #expect(await forge.comments(issue: issue).map(\.body) == ["I can reproduce this.", updated.body])
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aMarkerPastedByAnotherAuthorIsIgnoredWhenAuthorsAreGiven(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            let marker = "<!-- conveyor:status:\(issue) -->"
            await forge.seedComment(issue: issue, body: "copied \(marker)", author: "mallory")
            let own = try await client.createComment(onIssue: issue, body: marker)

            let anyone = try await client.findComment(onIssue: issue, containing: marker)
            let ownOnly = try await client.findComment(onIssue: issue, containing: marker, authors: [forge.owner])
            #expect(anyone?.author.login == "mallory")
            #expect(ownOnly?.id == own.id)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func everyCommentIsListedInOrderAcrossPages(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            for index in 1...105 { await forge.seedComment(issue: issue, body: "comment \(index)") }

            let comments = try await client.comments(onIssue: issue)
            #expect(comments.map(\.body) == (1...105).map { "comment \($0)" })
            // GitHub: 100 per page; Gitea: the forge's default page size of 30, followed by Link.
            #expect(await forge.requestCount(.listComments) == (kind == .github ? 2 : 4))
        }
    }
}
