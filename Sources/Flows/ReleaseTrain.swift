import Actions
import Forge
import Foundation
import Pipeline
import StateBranch

/// Runs the release train (``ReleaseTrainFlow``) for one heartbeat: starts it when the schedule says so, reads the
/// release issue's new comments, fires the table's rows and performs their actions on the forge.
///
/// Every action is keyed: a message is found by its hidden marker before it is posted, edited only when its text
/// differs, a milestone is looked up by title before it is created, and the ids are kept in ``ReleaseTrainData``. So
/// a heartbeat that repeats one that already acted (its state push lost, the job killed) reads what exists and
/// writes nothing. The outcome's state changes (the flow row, one `flow.transition` event per row fired, the
/// `links` row) are published by the caller in one state commit.
public struct ReleaseTrain: Sendable {
    /// What the train needs from the world.
    public struct Context: Sendable {
        /// The workflow's repository, where the release issue lives.
        public var forge: any ForgeClient
        /// A client for another repository of the same forge (for milestones).
        public var client: @Sendable (RepositorySlug) -> any ForgeClient
        /// The `release_train:` settings.
        public var settings: ReleaseTrainSettings
        /// Conveyor's own logins, whose comments are never commands.
        public var selfLogins: Set<String>
        /// The log.
        public var log: FlowLog

        /// Creates a context.
        public init(
            forge: any ForgeClient, client: @escaping @Sendable (RepositorySlug) -> any ForgeClient,
            settings: ReleaseTrainSettings, selfLogins: Set<String>, log: FlowLog
        ) {
            self.forge = forge
            self.client = client
            self.settings = settings
            self.selfLogins = selfLogins
            self.log = log
        }
    }

    /// What one heartbeat did to the train.
    public struct Outcome: Sendable {
        /// Human-readable lines, one per thing done.
        public var lines: [String] = []
        /// The state changes to publish.
        public var changes: [StateChange] = []
    }

    private let context: Context
    private let schedule: TrainSchedule

    /// Creates a runner.
    public init(context: Context) {
        self.context = context
        schedule = TrainSchedule(settings: context.settings)
    }

    /// True when a heartbeat at `now` has something to do for the train, judged from state alone (no forge call):
    /// the train is due to start, or an open train's next check has come.
    public func isDue(at now: Date, trains: [FlowRecord]) -> Bool {
        guard context.settings.isEnabled else { return false }
        if let open = trains.first(where: { $0.closedAt == nil }) {
            return open.nextCheckAt.map { $0 <= now } ?? true
        }
        if case .start = schedule.decision(at: now, startedWeeks: Set(trains.map(\.instance)), openTrain: nil) {
            return true
        }
        return false
    }

    /// One heartbeat of the train at `now`.
    ///
    /// - Parameters:
    ///   - trains: every train in state (``StateDatabase/flows(named:)``).
    ///   - force: look at an open train even when its next check has not come (a run by hand).
    public func run(at now: Date, trains: [FlowRecord], force: Bool) async throws -> Outcome {
        var outcome = Outcome()
        guard context.settings.isEnabled else {
            outcome.lines.append("release-train: off (no `release_train:` in .conveyor/config.yml)")
            return outcome
        }
        let open = trains.first { $0.closedAt == nil }
        if let open {
            guard force || (open.nextCheckAt.map { $0 <= now } ?? true) else { return outcome }
            guard let state = ReleaseTrainFlow.State(rawValue: open.state),
                let data = ReleaseTrainData.decode(open.dataJSON)
            else {
                outcome.lines.append(
                    "release-train \(open.instance): its state row cannot be read (state \(open.state)); left alone")
                return outcome
            }
            var run = TrainRun(
                context: context, week: open.instance, state: state, data: data, revision: open.revision,
                startedAt: open.startedAt, now: now)
            try await run.advance()
            outcome.lines += run.lines
            outcome.changes += run.changes(previous: open)
            return outcome
        }
        switch schedule.decision(at: now, startedWeeks: Set(trains.map(\.instance)), openTrain: nil) {
        case .start(let week, _):
            let (version, base) = try await proposal(trains: trains, week: week)
            var run = TrainRun(
                context: context, week: week, state: .notStarted, data: ReleaseTrainData(version: version, base: base),
                revision: 0, startedAt: now, now: now)
            try await run.fire(.startDue)
            try await run.advance()
            outcome.lines += run.lines
            outcome.changes += run.changes(previous: nil)
        case .notYet(let week, let next):
            if force { outcome.lines.append("release-train \(week): starts at \(TrainMessages.timestamp(next))") }
        case .alreadyStarted(let week), .previousStillOpen(let week):
            if force { outcome.lines.append("release-train \(week): already started") }
        }
        return outcome
    }

    /// The proposed version: the newest release among the repository's tags (`vX.Y.Z` or `X.Y.Z`) and the trains in
    /// state, with its minor incremented.
    private func proposal(trains: [FlowRecord], week: String) async throws -> (SemanticVersion, String?) {
        let started = ContinuousClock.now
        let tags = try await context.forge.tags()
        let latency = ContinuousClock.now - started
        var candidates: [(SemanticVersion, String)] = tags.compactMap { tag in
            SemanticVersion(tag.name).map { ($0, tag.name) }
        }
        candidates += trains.compactMap { record in
            ReleaseTrainData.decode(record.dataJSON).map { ($0.version, "\($0.version) (train \(record.instance))") }
        }
        let releases = candidates.filter { !$0.0.isPreRelease }
        let newest = releases.max(by: { $0.0 < $1.0 })
        let proposed = newest.map(\.0.nextMinor) ?? SemanticVersion.proposal(after: [])
        await context.log.record(
            flow: ReleaseTrainFlow.name, instance: week, version: "\(proposed)", step: "propose-version",
            tool: "forge.tags", result: "\(tags.count) tags", latency: latency)
        return (proposed, newest?.1)
    }
}
