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

/// One test's world for the heartbeat: the shared loopback peers (``LoopbackWorld``: the fake forge with people and
/// their permissions, a git server holding the state branch in repository `state`), a second forge repository
/// (`octo-org/mobile`), and a heartbeat wired to both, on one forge dialect, logging JSON lines to a file.
struct TrainWorld {
    let peers: LoopbackWorld
    let kind: ForgeKind
    let configuration: PipelineConfiguration
    /// The heartbeat's log, also written as JSON lines to a file (`CONVEYOR_LOG_FILE` in a job).
    let log: FlowLog
    /// The served repository `state`, which holds the state branch.
    let stateRemote: URL

    var forge: FakeForge { peers.forge }
    /// The forge's first repository, where the release issue lives.
    var slug: RepositorySlug { peers.slug }
    var dialect: ForgeDialect { ForgeDialect(kind: kind) }

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

    /// Everyone in the train may write; `eve` only reads.
    static let people: [String: ForgePermission] = [
        "alice": .write, "bob": .write, "carol": .write, "dave": .write, "erin": .write, "mallory": .write,
        "eve": .read,
    ]

    static func with(
        _ kind: ForgeKind, yaml: String = trainYAML, _ body: (TrainWorld) async throws -> Void
    ) async throws {
        try await LoopbackWorld.with(prefix: "flows-tests", permissions: people) { peers in
            try peers.git.createBareRepository("state")
            await peers.forge.addRepository("mobile")
            let world = TrainWorld(
                peers: peers, kind: kind, configuration: try PipelineConfiguration.parse(yaml),
                log: FlowLog(file: peers.scratch.appending("tick-log.jsonl")),
                stateRemote: try peers.git.url(for: "state"))
            try await body(world)
        }
    }

    func client(_ repository: RepositorySlug) -> any ForgeClient {
        peers.client(
            dialect, repository: repository,
            configuration: LoopbackWorld.quickClientConfiguration(userAgent: "flows-tests"))
    }

    /// Work item `number` of the forge's first repository.
    func item(_ number: Int) -> WorkItemKey {
        WorkItemKey(repository: "\(slug)", number: number)
    }

    /// Publishes `changes` to the state branch, as the jobs before a tick would have.
    func record(_ changes: [StateChange]) async throws {
        _ = try await StateBranchStore(location: location(), options: writeOptions).apply(
            changes, message: "test: seed")
    }

    /// The state branch, read through a fresh cache directory.
    func location() -> StateLocation { peers.stateLocation(at: stateRemote) }

    var writeOptions: StateWriteOptions { peers.stateWriteOptions(label: "tick") }

    /// A heartbeat on the forge's first repository through `forge` (default: a plain client of it), with the
    /// optional chores: `findsMissedWork` (the pipeline's `MissedStageFinder`, dispatching `conveyor.yml` after 10
    /// minutes) and `pendingCI` (judging CI a dev run left pending).
    func heartbeat(
        configuration: PipelineConfiguration? = nil, forge: (any ForgeClient)? = nil, findsMissedWork: Bool = false,
        pendingCI: PendingCIChecks? = nil
    ) -> Heartbeat {
        let world = self
        let forge = forge ?? client(slug)
        let configuration = configuration ?? self.configuration
        return Heartbeat(
            context: .init(
                forge: forge, client: { world.client($0) }, configuration: configuration, labels: .defaults,
                selfLogins: [self.forge.owner],
                missedWork: findsMissedWork
                    ? MissedStageFinder(
                        forge: forge, pipeline: configuration.pipeline, labels: .defaults, workflowFile: "conveyor.yml",
                        graceMinutes: 10) : nil,
                pendingCI: pendingCI, log: log))
    }

    /// One tick at `now` with the chores ``heartbeat(configuration:forge:findsMissedWork:pendingCI:)`` names,
    /// published to the state branch (and its writes and dispatches sent).
    @discardableResult
    func tick(
        _ now: Date, selection: Heartbeat.Selection = .all, findsMissedWork: Bool = false,
        pendingCI: PendingCIChecks? = nil
    ) async throws -> Heartbeat.Report {
        try await TickJob.run(
            heartbeat: heartbeat(findsMissedWork: findsMissedWork, pendingCI: pendingCI), at: now,
            selection: selection, location: location(), options: writeOptions, dryRun: false)
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
