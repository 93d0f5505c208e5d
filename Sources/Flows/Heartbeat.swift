import Actions
import Forge
import Foundation
import Pipeline
import StateBranch
import Store

/// `conveyor tick`: the heartbeat a `schedule` workflow runs every 15 minutes (and a person by hand).
///
/// One tick reads state once and decides, from state alone, which chores are due: the release train (its start,
/// or its next check), leases past their expiry, the comparison of status comments with state, the daily
/// reminders, work the events missed (``MissedWorkFinder``) and dev runs left waiting for CI
/// (``PendingCIChecks``, with CI judgements whose forge writes are unconfirmed). When none is due it returns at once,
/// without a forge call and without a state commit. Otherwise it does the due chores and returns every state change
/// in one batch for the caller to publish in one commit, and the deferred forge writes (``Report/starts``), whose
/// confirmations the caller publishes in a second. Each chore is keyed in state (a flow row's `next_check_at`, an
/// audit key per reminder and day, a run's end), so a second tick at the same time does nothing again.
public struct Heartbeat: Sendable {
    /// Which chores a tick looks at.
    public enum Selection: String, Sendable, CaseIterable {
        /// Every chore that is due.
        case all
        /// Only the release train, looked at even when its next check has not come (`flow=release-train`).
        case releaseTrain = "release-train"
    }

    /// What the heartbeat needs from the world.
    public struct Context: Sendable {
        /// The workflow's repository.
        public var forge: any ForgeClient
        /// A client for another repository of the same forge.
        public var client: @Sendable (RepositorySlug) -> any ForgeClient
        /// `.conveyor/config.yml` merged with the defaults.
        public var configuration: PipelineConfiguration
        /// The label names in force.
        public var labels: LabelCatalog
        /// Conveyor's own logins.
        public var selfLogins: Set<String>
        /// Work the events missed (``MissedStageFinder``); nil skips the chore.
        public var missedWork: (any MissedWorkFinder)?
        /// Dev runs left waiting for CI are judged (``PendingCIChecks``); nil skips the chore.
        public var pendingCI: PendingCIChecks?
        /// The log.
        public var log: FlowLog

        /// Creates a context.
        public init(
            forge: any ForgeClient, client: @escaping @Sendable (RepositorySlug) -> any ForgeClient,
            configuration: PipelineConfiguration, labels: LabelCatalog, selfLogins: Set<String>,
            missedWork: (any MissedWorkFinder)? = nil, pendingCI: PendingCIChecks? = nil, log: FlowLog
        ) {
            self.forge = forge
            self.client = client
            self.configuration = configuration
            self.labels = labels
            self.selfLogins = selfLogins
            self.missedWork = missedWork
            self.pendingCI = pendingCI
            self.log = log
        }
    }

    /// What a tick did.
    public struct Report: Sendable {
        /// One line per thing done (or, with nothing due, one line saying so).
        public var lines: [String] = []
        /// The state changes to publish in one commit; empty when nothing changed.
        public var changes: [StateChange] = []
        /// True when nothing was due and nothing was asked of the forge.
        public var nothingDue = false
        /// What to start once ``changes`` are published (``MissedWork/starts``).
        public var starts: [@Sendable () async throws -> [StateChange]] = []
    }

    /// The name of the heartbeat's own chores in `flows`.
    public static let choresFlow = "heartbeat"

    private let context: Context

    /// Creates a heartbeat.
    public init(context: Context) {
        self.context = context
    }

    /// One tick at `now`, reading `state` (a snapshot of the state branch).
    public func tick(at now: Date, state: StateDatabase, selection: Selection = .all) async throws -> Report {
        var report = Report()
        let repository = "\(context.forge.repository)"
        let train = ReleaseTrain(
            context: .init(
                forge: context.forge, client: context.client, settings: context.configuration.releaseTrain,
                selfLogins: context.selfLogins, log: context.log))
        let trains = try await state.flows(named: ReleaseTrainFlow.name)
        let chores = Dictionary(
            try await state.flows(named: Self.choresFlow).map { ($0.instance, $0) }, uniquingKeysWith: { a, _ in a })
        let heartbeat = context.configuration.heartbeat
        let graceCutoff = now.addingTimeInterval(-Double(heartbeat.leaseGraceMinutes) * 60)
        let expired = selection == .all ? try await state.expiredLeases(at: graceCutoff) : []
        let openCI =
            selection == .all && context.pendingCI != nil
            ? try await PendingCIChore.open(in: state, repository: repository) : (waiting: [], unpublished: [])
        let due = DueChores(
            train: selection == .releaseTrain || train.isDue(at: now, trains: trains),
            leases: !expired.isEmpty,
            repair: selection == .all && Self.isDue(chores[Chore.statusRepair], now),
            reminders: selection == .all && heartbeat.reminders && Self.isDue(chores[Chore.reminders], now),
            missedWork: selection == .all && context.missedWork != nil && Self.isDue(chores[Chore.missedWork], now),
            pendingCI: !openCI.waiting.isEmpty || !openCI.unpublished.isEmpty)
        guard due.any else {
            report.nothingDue = true
            report.lines.append("nothing due at \(TrainMessages.timestamp(now))")
            return report
        }
        if due.train {
            let outcome = try await train.run(at: now, trains: trains, force: selection == .releaseTrain)
            report.lines += outcome.lines
            report.changes += outcome.changes
        }
        if due.leases {
            let chore = LeaseChore(now: now)
            report.lines += chore.lines(for: expired)
            report.changes += chore.changes(for: expired)
        }
        var openIssues: [Issue]?
        if due.repair || due.reminders {
            openIssues = try await context.forge.openIssues(labels: [])
        }
        if due.repair, let openIssues {
            let chore = StatusRepairChore(context: context, repository: repository)
            report.lines += try await chore.run(openIssues: openIssues, state: state)
            report.changes.append(
                Self.reschedule(
                    Chore.statusRepair, after: chores[Chore.statusRepair], now: now,
                    minutes: heartbeat.repairIntervalMinutes))
        }
        if due.reminders, let openIssues {
            let chore = ReminderChore(context: context, repository: repository, now: now)
            let outcome = try await chore.run(openIssues: openIssues, state: state)
            report.lines += outcome.lines
            report.changes += outcome.changes
            report.changes.append(
                Self.reschedule(Chore.reminders, after: chores[Chore.reminders], now: now, minutes: 60))
        }
        if due.missedWork, let finder = context.missedWork {
            let outcome = try await finder.findMissedWork(at: now, state: state)
            report.lines += outcome.lines
            report.changes += outcome.changes
            report.starts += outcome.starts
            report.changes.append(
                Self.reschedule(
                    Chore.missedWork, after: chores[Chore.missedWork], now: now, minutes: Self.missedWorkIntervalMinutes
                ))
        }
        if due.pendingCI, let checks = context.pendingCI {
            // Every tick while a record waits: CI reads only, until a judgement is due (PendingCIChore); and while a
            // judgement's forge writes are unconfirmed: reads, and writes where the forge differs from state.
            let chore = PendingCIChore(context: context, checks: checks, now: now)
            let outcome = try await chore.run(openCI.waiting, unpublished: openCI.unpublished, state: state)
            report.lines += outcome.lines
            report.changes += outcome.changes
            report.starts += outcome.starts
        }
        if report.lines.isEmpty { report.lines.append("checked at \(TrainMessages.timestamp(now)); nothing to change") }
        return report
    }

    /// The heartbeat's own chores, as instances of the `heartbeat` flow.
    enum Chore {
        static let statusRepair = "status-repair"
        static let reminders = "reminders"
        static let missedWork = "missed-work"
    }

    /// How often missed work is looked for: every cron tick (15 minutes), never twice in ten minutes, so an idle
    /// tick stays a state read.
    static let missedWorkIntervalMinutes = 10

    private struct DueChores {
        var train, leases, repair, reminders, missedWork, pendingCI: Bool
        var any: Bool { train || leases || repair || reminders || missedWork || pendingCI }
    }

    private static func isDue(_ record: FlowRecord?, _ now: Date) -> Bool {
        guard let record else { return true }
        return record.nextCheckAt.map { $0 <= now } ?? true
    }

    /// The chore's row with its next check `minutes` after `now`.
    private static func reschedule(_ chore: String, after previous: FlowRecord?, now: Date, minutes: Int)
        -> StateChange
    {
        .saveFlow(
            FlowRecord(
                flow: choresFlow, instance: chore, state: "SCHEDULED", revision: (previous?.revision ?? 0) + 1,
                dataJSON: "{}", startedAt: previous?.startedAt ?? now, updatedAt: now,
                nextCheckAt: now.addingTimeInterval(Double(minutes) * 60)))
    }
}

/// Finds work the events missed (a `run:*` label with no run for it; an approval with no next stage started) and
/// starts it: ``MissedStageFinder`` is the pipeline's, passed in ``Heartbeat/Context/missedWork`` by `conveyor tick`.
///
/// A conformer must be idempotent across ticks like every chore: it returns the state changes that record what it
/// starts, and the starts themselves, which ``TickJob`` runs only after those changes are published (a dispatched
/// job is authorized by that record, so the record comes first).
public protocol MissedWorkFinder: Sendable {
    /// Looks for missed work at `now`; returns what it found, the state changes that record it and the starts.
    func findMissedWork(at now: Date, state: StateDatabase) async throws -> MissedWork
}

/// What a ``MissedWorkFinder`` found.
public struct MissedWork: Sendable {
    /// One line per start.
    public var lines: [String] = []
    /// The records of the starts, published before any start runs.
    public var changes: [StateChange] = []
    /// The starts (workflow dispatches, the forge writes of CI judgements), run in order after ``changes`` are
    /// published; never in a dry run. Each returns what to record once it succeeded (e.g. the entry that confirms a
    /// judgement's writes), which ``TickJob`` publishes in a second commit.
    public var starts: [@Sendable () async throws -> [StateChange]] = []

    /// Nothing found.
    public init() {}
}
