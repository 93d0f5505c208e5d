import Actions
import ConveyorTestSupport
import Forge
import Testing

/// Creates whose answer is lost after the forge stored them: the client looks up before it retries, so each
/// write takes effect exactly once, and an "already exists" answer resolves to what exists; on both dialects.
@Suite struct WriteOnceTests {
    static let lostReplies: [ForgeFault] = [.afterWrite(.dropConnection), .afterWrite(.status(502))]

    @Test(arguments: ForgeKind.allCases, [0, 1])
    func aCommentWhoseReplyIsLostIsPostedOnce(kind: ForgeKind, fault: Int) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            await forge.inject(Self.lostReplies[fault], on: .createComment, dialect: ForgeDialect(kind))
            let created = try await client.createComment(onIssue: issue, body: "<!-- conveyor:status:1 -->\nStage")
            let stored = await forge.comments(issue: issue)
            #expect(stored.count == 1)
            #expect(stored.first?.id == created.id)
            #expect(await forge.requestCount(.createComment, dialect: ForgeDialect(kind)) == 1)
        }
    }

    @Test(arguments: ForgeKind.allCases, [0, 1])
    func aPullRequestWhoseReplyIsLostIsOpenedOnce(kind: ForgeKind, fault: Int) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            await forge.inject(Self.lostReplies[fault], on: .createPull, dialect: ForgeDialect(kind))
            let created = try await client.createPullRequest(
                NewPullRequest(title: "#3: Crash", head: "conveyor/3-crash", base: "main", body: "Work on #3"))
            let pulls = await forge.pulls()
            #expect(pulls.count == 1)
            #expect(pulls.first?.number == created.number)
            #expect(created.head == "conveyor/3-crash")
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aPullRequestThatAlreadyExistsResolvesToTheOpenOne(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let existing = await forge.seedPull(title: "#4: Earlier", head: "conveyor/4-earlier")
            let answer = try await client.createPullRequest(
                NewPullRequest(title: "#4: Again", head: "conveyor/4-earlier", base: "main", body: "Work on #4"))
            #expect(answer.number == existing)
            #expect(await forge.pulls().count == 1)
            let refused = await forge.exchanges(.createPull, kind).map(\.status)
            #expect(refused == [kind == .github ? 422 : 409], "the forge refused the second pull request")
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aRefusalThatIsNotAConflictIsStillAnError(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            await forge.inject(.status(403, body: #"{"message":"Resource not accessible"}"#), on: .createComment)
            let error = await forgeError { () async throws(ForgeError) in
                try await client.createComment(onIssue: issue, body: "hello")
            }
            #expect(error?.code == .forbidden)
            #expect(await forge.comments(issue: issue).isEmpty)
            #expect(await forge.requestCount(.createComment, dialect: ForgeDialect(kind)) == 1)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aCreateThatNeverHappenedIsRetriedAfterTheLookupFindsNothing(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            let issue = await forge.seedIssue()
            await forge.inject(.status(503), on: .createComment, dialect: ForgeDialect(kind))
            await forge.inject(.dropConnection, on: .createComment, dialect: ForgeDialect(kind))
            let created = try await client.createComment(onIssue: issue, body: "hello")
            #expect(await forge.comments(issue: issue).map(\.id) == [created.id])
            #expect(await forge.requestCount(.createComment, dialect: ForgeDialect(kind)) == 3)
            let lookups = await forge.requestCount(.listComments, dialect: ForgeDialect(kind))
            #expect(lookups == 2, "one lookup per retry, not \(lookups)")
        }
    }
}
