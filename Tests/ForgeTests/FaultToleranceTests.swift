import Actions
import ConveyorTestSupport
import Forge
import Foundation
import HTTP
import Testing

/// Faults during operations are retried by the default client configuration.
@Suite struct FaultToleranceTests {
    /// A client made with ``ForgeClients/make(kind:apiURL:repository:token:configuration:)``'s default
    /// configuration, as production code makes it.
    private func defaultClient(_ forge: FakeForge, _ kind: ForgeKind) throws -> any ForgeClient {
        ForgeClients.make(
            kind: kind, apiURL: forge.apiURL(ForgeDialect(kind)), repository: try forge.slug, token: Secret(forge.token)
        )
    }

    @Test(arguments: ForgeKind.allCases)
    func aServerErrorThenSuccessIsRetriedByDefault(kind: ForgeKind) async throws {
        try await withForge { forge in
            let issue = await forge.seedIssue()
            await forge.inject(.status(500, body: "upstream failed"), on: .createComment, dialect: ForgeDialect(kind))

            let comment = try await defaultClient(forge, kind).createComment(onIssue: issue, body: "hello")

            #expect(comment.body == "hello")
            #expect(await forge.requestCount(.createComment) == 2)
            #expect(await forge.comments(issue: issue).count == 1)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func aRateLimitWithRetryAfterIsWaitedOutByDefault(kind: ForgeKind) async throws {
        try await withForge { forge in
            let issue = await forge.seedIssue(labels: ["bug"])
            await forge.inject(
                .status(429, headers: ["Retry-After": "1"], body: #"{"message":"slow down"}"#), on: .listLabels,
                dialect: ForgeDialect(kind))
            let clock = ContinuousClock()
            let start = clock.now

            let labels = try await defaultClient(forge, kind).labels(onIssue: issue)

            #expect(labels.map(\.name) == ["bug"])
            #expect(clock.now - start >= .milliseconds(950))
            #expect(await forge.requestCount(.listLabels) == 2)
        }
    }

    @Test(arguments: ForgeKind.allCases)
    func serverErrorsBeyondTheRetryBoundFailAsUnavailable(kind: ForgeKind) async throws {
        try await withForge { forge in
            let client = try forge.client(kind)
            await forge.inject(.status(502), on: .getRepository, times: RetryPolicy.fast.maxAttempts)

            let error = await forgeError { () async throws(ForgeError) in try await client.repositoryInfo() }

            #expect(error?.code == .unavailable)
            #expect(error?.isRetryable == true)
            #expect(error?.httpError?.attempts == RetryPolicy.fast.maxAttempts)
        }
    }
}
