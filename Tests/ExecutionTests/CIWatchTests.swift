import Actions
import ConveyorTestSupport
import Execution
import Forge
import Foundation
import HTTP
import Pipeline
import Testing

/// ``CIWatch`` against the fake forge: only the asked-for commit's checks count, Conveyor's own context never does,
/// GitHub's check runs join its combined status, and a wait sees pending turn into green.
@Suite struct CIWatchTests {
    static let head = String(repeating: "c0", count: 20)
    static let oldHead = String(repeating: "0d", count: 20)

    static func watching<T>(
        _ kind: ForgeKind, settings: CISettings = CISettings(), _ body: (FakeForge, CIWatch) async throws -> T
    ) async throws -> T {
        let forge = try await FakeForge.start()
        let dialect: ForgeDialect = kind == .github ? .github : .gitea
        let client = ForgeClients.make(
            kind: kind, apiURL: forge.apiURL(dialect),
            repository: try RepositorySlug(parsing: "\(forge.owner)/\(forge.repo)"),
            token: Secret(forge.token),
            configuration: .init(
                connectTimeout: .seconds(2), totalTimeout: .seconds(10), retry: .fast, userAgent: "ci-tests"))
        do {
            let result = try await body(forge, CIWatch(forge: client, settings: settings, ownContext: "conveyor/dev"))
            await forge.stop()
            return result
        } catch {
            await forge.stop()
            throw error
        }
    }

    @Test(arguments: [ForgeKind.github, .gitea])
    func anOlderHeadsFailureDoesNotCountAndConveyorsOwnContextIsIgnored(_ kind: ForgeKind) async throws {
        try await Self.watching(kind) { forge, watch in
            await forge.reportStatus(sha: Self.oldHead, state: "failure", context: "ci/test")
            await forge.reportStatus(sha: Self.head, state: "pending", context: "ci/test")
            await forge.reportStatus(sha: Self.head, state: "failure", context: "conveyor/dev")
            #expect(try await watch.read(Self.head).state == .pending)
            await forge.reportStatus(sha: Self.head, state: "success", context: "ci/test")
            let green = try await watch.read(Self.head)
            #expect(green.state == .green)
            #expect(green.checks.map(\.name) == ["ci/test"])
            #expect(try await watch.read(Self.oldHead).state == .red)
        }
    }

    @Test func gitHubCheckRunsCountBesideStatuses() async throws {
        try await Self.watching(.github) { forge, watch in
            await forge.reportStatus(sha: Self.head, state: "success", context: "ci/lint")
            await forge.reportCheckRun(sha: Self.head, name: "unit", status: "in_progress")
            await forge.reportCheckRun(sha: Self.oldHead, name: "unit", status: "completed", conclusion: "failure")
            #expect(try await watch.read(Self.head).state == .pending)
            await forge.reportCheckRun(
                sha: Self.head, name: "unit", status: "completed", conclusion: "failure", summary: "2 tests failed")
            let red = try await watch.read(Self.head)
            #expect(red.state == .red)
            #expect(red.feedback(budget: 4096).contains("unit: failure — 2 tests failed"))
            await forge.reportCheckRun(sha: Self.head, name: "unit", status: "completed", conclusion: "success")
            #expect(try await watch.read(Self.head).state == .green)
        }
    }

    @Test func aHeadWithoutChecksReadsAsNoCI() async throws {
        var settings = CISettings()
        settings.noChecksSeconds = 0
        try await Self.watching(.gitea, settings: settings) { _, watch in
            let reading = try await watch.wait(for: Self.head)
            #expect(reading.state == .none)
            #expect(reading.summary.contains("no checks"))
        }
    }

    @Test func waitingSeesPendingTurnGreen() async throws {
        var settings = CISettings()
        settings.pollSeconds = 1
        settings.maxPollSeconds = 1
        settings.timeoutSeconds = 30
        try await Self.watching(.github, settings: settings) { forge, watch in
            await forge.reportStatus(sha: Self.head, state: "pending", context: "ci/test")
            async let reading = watch.wait(for: Self.head)
            // Turn green only after the watch has read the pending state once: on a loaded machine the first read
            // can come later than any fixed sleep, and would then see green at once.
            let seenPending = ContinuousClock.now + .seconds(30)
            while await forge.requestCount(.getCombinedStatus) < 1, ContinuousClock.now < seenPending {
                try await Task.sleep(for: .milliseconds(50))
            }
            await forge.reportStatus(sha: Self.head, state: "success", context: "ci/test")
            let result = try await reading
            #expect(result.state == .green)
            #expect(await forge.requestCount(.getCombinedStatus) >= 2)
        }
    }

    @Test func pendingPastTheTimeoutIsAnExplicitPendingReading() async throws {
        var settings = CISettings()
        settings.pollSeconds = 1
        settings.timeoutSeconds = 1
        try await Self.watching(.gitea, settings: settings) { forge, watch in
            await forge.reportStatus(sha: Self.head, state: "pending", context: "ci/test")
            let reading = try await watch.wait(for: Self.head)
            #expect(reading.state == .pending)
            #expect(reading.summary.contains("still pending after"))
        }
    }
}
