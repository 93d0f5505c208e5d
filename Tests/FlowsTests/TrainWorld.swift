import Actions
import ConveyorTestSupport
import Flows
import Forge
import Foundation
import Git
import HTTP
import Pipeline
import StateBranch
import Store
import Testing

/// One test's world for the heartbeat: the fake forge (two repositories, people with permissions), a loopback git
/// server holding the state branch, and a heartbeat wired to both, on one forge dialect.
struct TrainWorld {
    let forge: FakeForge
    let kind: ForgeKind
    let server: GitHTTPServer
    let scratch: TemporaryDirectory
    let gitToken: String
    let configuration: PipelineConfiguration
    let log = FlowLog()

    /// The release train every end-to-end test uses: two repositories, three teams.
    static let trainYAML = """
        release_train:
          start: {weekday: friday, time: "11:00", timezone: Europe/Moscow}
          repositories: [octo-org/hello-world, octo-org/mobile]
          teams:
            backend: [bob, carol]
            ios: [dave]
            web: [erin]
        tick:
          reminders: false
        """

    static func with(
        _ kind: ForgeKind, yaml: String = trainYAML, _ body: (TrainWorld) async throws -> Void
    ) async throws {
        try await withForge { forge in
            try await GitHTTPServer.withScratch(prefix: "flows-tests") { server, scratch, token in
                try server.createBareRepository("state")
                await forge.addRepository("mobile")
                for (user, level) in [
                    ("alice", ForgePermission.write), ("bob", .write), ("carol", .write), ("dave", .write),
                    ("erin", .write), ("mallory", .write), ("eve", .read),
                ] {
                    await forge.setPermission(user: user, level: level)
                }
                let world = TrainWorld(
                    forge: forge, kind: kind, server: server, scratch: scratch, gitToken: token,
                    configuration: try PipelineConfiguration.parse(yaml))
                try await body(world)
            }
        }
    }

    var dialect: ForgeDialect { kind == .github ? .github : .gitea }

    func client(_ repository: RepositorySlug) -> any ForgeClient {
        ForgeClients.make(
            kind: kind, apiURL: forge.apiURL(dialect), repository: repository, token: Secret(forge.token),
            configuration: .init(
                connectTimeout: .seconds(2), totalTimeout: .seconds(10), retry: .fast, userAgent: "flows-tests"))
    }

    var slug: RepositorySlug { (try? RepositorySlug(parsing: "\(forge.owner)/\(forge.repo)")) ?? Self.fallback }
    static let fallback = try! RepositorySlug(parsing: "octo-org/hello-world")

    func location() -> StateLocation {
        StateLocation(
            remote: (try? server.url(for: "state")) ?? URL(fileURLWithPath: "/"), credentials: .token(gitToken),
            cacheDirectory: scratch.appending("cache-\(UUID().uuidString.prefix(8))"))
    }

    var writeOptions: StateWriteOptions {
        StateWriteOptions(
            deadline: .seconds(60), initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(200),
            transferTimeout: .seconds(30), pendingDirectory: scratch.appending("pending"), pendingLabel: "tick")
    }

    func heartbeat(configuration: PipelineConfiguration? = nil) -> Heartbeat {
        let world = self
        return Heartbeat(
            context: .init(
                forge: client(slug), client: { world.client($0) }, configuration: configuration ?? self.configuration,
                labels: .defaults, selfLogins: [forge.owner], log: log))
    }

    /// One tick at `now`, published to the state branch.
    @discardableResult
    func tick(_ now: Date, selection: Heartbeat.Selection = .all) async throws -> Heartbeat.Report {
        try await TickJob.run(
            heartbeat: heartbeat(), at: now, selection: selection, location: location(), options: writeOptions,
            dryRun: false)
    }

    /// The forge's write requests so far (every method but GET).
    func writes() async -> [RecordedExchange] {
        await forge.exchanges().filter { $0.method != "GET" }
    }

    /// Ticks at `now`, then ticks again at the same time forced onto the train, and returns the first report;
    /// the second must send no write to the forge and publish no state change.
    @discardableResult
    func tickTwice(_ now: Date, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Heartbeat.Report {
        let report = try await tick(now)
        let before = await writes().count
        let again = try await tick(now, selection: .releaseTrain)
        let after = await writes()
        #expect(
            after.count == before,
            "the second tick wrote: \(after.dropFirst(before).map { "\($0.method) \($0.path)" })",
            sourceLocation: sourceLocation)
        #expect(
            again.changes.isEmpty, "the second tick changed state: \(again.changes)", sourceLocation: sourceLocation)
        return report
    }

    /// The train rows in state.
    func trains() async throws -> [FlowRecord] {
        try await StateSnapshot.reading(location()) { try await $0.database.flows(named: ReleaseTrainFlow.name) }
    }

    /// The open train's data.
    func trainData() async throws -> ReleaseTrainData? {
        try await trains().first.flatMap { ReleaseTrainData.decode($0.dataJSON) }
    }

    /// A person's comment on the release issue.
    func say(_ body: String, as author: String, on issue: Int) async {
        await forge.seedComment(issue: issue, body: body, author: author)
    }
}

/// `2026-12-04T<time>Z`: Friday 4 December 2026 (Moscow is UTC+3 all year, so 11:00 there is 08:00Z).
func friday(_ time: String) -> Date {
    ISO8601DateFormatter().date(from: "2026-12-04T\(time)Z") ?? Date()
}
