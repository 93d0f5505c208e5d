import Actions
import Agents
import ConveyorTestSupport
import Forge
import Foundation
import Gates
import Git
import Pipeline
import StateBranch
import Supervisor
import Testing

/// The supervisor's re-dispatch through its hook, the limits it obeys, the dev loop it defers to, and the limits
/// read back from a real state branch by the next job (ADR 0017).
struct SupervisionRedispatchTests {
    static let item = WorkItemKey(repository: "o/r", number: 7, kind: "issue")

    static func context(
        runID: String = "run-1", mode: RemediationMode = .on, limits: RemediationPolicy.Limits = .init(),
        state: StateLocation? = nil, redispatch: Redispatcher? = nil
    ) -> SupervisorContext {
        SupervisorContext(
            runID: runID, forgeAttempt: 1, forgeRunID: "4242", workItem: item, stage: .dev, mode: mode,
            policy: RemediationPolicy(mode: mode, limits: limits, flakyReruns: 2, backoffSeconds: 0), state: state,
            redispatch: redispatch)
    }

    /// Fails twice with the same 502 outage.
    static func outageTwice(_ supervision: Supervision) async throws -> [Supervision.Next] {
        var nexts: [Supervision.Next] = []
        for _ in 0..<2 {
            await supervision.beginAttempt()
            nexts.append(await supervision.attemptFailed(try SupervisionTests.outage()))
        }
        return nexts
    }

    @Test func theSecondOutageRedispatchesThroughTheHookOnce() async throws {
        let asked = Requests()
        let supervision = Supervision()
        await supervision.configure(
            Self.context { request in
                await asked.add(request)
                return .dispatched(workflow: "conveyor.yml", ref: "main", inputs: ["mode": "resume"])
            })
        #expect(try await Self.outageTwice(supervision) == [.rerun(after: .zero), .stop])
        let records = await supervision.records
        #expect(records.map(\.action) == ["backoff_retry", "redispatch"])
        #expect(records.map(\.result) == ["failed_again", "dispatched"])
        let requests = await asked.all
        #expect(requests.count == 1)
        #expect(requests.first?.stage == .dev && requests.first?.workItem == Self.item)
        #expect(requests.first?.runID == "run-1" && requests.first?.forgeRunID == "4242")
        #expect(await supervision.escalation == nil, "a re-dispatch is no escalation")
        let story = await supervision.narrative.markdown(mode: "on").joined(separator: "\n")
        #expect(story.contains("Re-dispatched the stage in a new job"), "\(story)")
        #expect(story.contains("mode=resume"), "\(story)")
    }

    @Test func aRefusedDispatchIsRecordedFailedWithItsReasonAndNotEscalated() async throws {
        struct Refused: Error, CustomStringConvertible {
            var description: String { "Could not dispatch `conveyor.yml`: HTTP 403. The token may not dispatch." }
        }
        let supervision = Supervision()
        await supervision.configure(Self.context { _ in throw Refused() })
        #expect(try await Self.outageTwice(supervision) == [.rerun(after: .zero), .stop])
        let last = try #require(await supervision.records.last)
        #expect(last.action == "redispatch" && last.result == "failed")
        #expect(last.reason.contains("the dispatch failed: Could not dispatch `conveyor.yml`: HTTP 403"), "\(last)")
        #expect(await supervision.escalation == nil)
        let story = await supervision.narrative.markdown(mode: "on").joined(separator: "\n")
        #expect(story.contains("Re-dispatch failed") && story.contains("try again later"), "\(story)")
    }

    @Test func aDispatchStateAlreadyHoldsIsNotRepeated() async throws {
        let supervision = Supervision()
        await supervision.configure(Self.context { _ in .alreadyDispatched })
        _ = try await Self.outageTwice(supervision)
        #expect(await supervision.records.last?.result == "already_dispatched")
    }

    @Test func aRedispatchThatWouldBreakTheRerunLimitEscalates() async throws {
        let asked = Requests()
        let supervision = Supervision()
        await supervision.configure(
            Self.context(limits: .init(maxAutoReruns: 1)) { request in
                await asked.add(request)
                return .alreadyDispatched
            })
        #expect(try await Self.outageTwice(supervision) == [.rerun(after: .zero), .stop])
        #expect(await asked.all.isEmpty)
        #expect(await supervision.records.map(\.action) == ["backoff_retry", "escalate"])
        #expect(await supervision.escalation?.reason.contains("max_auto_reruns") == true)
    }

    @Test(arguments: [CommandFailureOwner.devLoop(maxAttempts: 3), .qaCommands])
    func aCommandFailureTheStageAlreadyHandledIsEscalatedNotRevised(owner: CommandFailureOwner) async {
        let supervision = Supervision()
        await supervision.configure(Self.context())
        let verdict = GateVerdict(
            result: .fail,
            reasons: [GateReason(code: .commandFailed, message: "The repository's command `make test` exited 1")])
        await supervision.beginAttempt()
        #expect(
            await supervision.gateFailed(verdict, agentStatus: .succeeded, commandFailuresOwner: owner) == .stop)
        let records = await supervision.records
        #expect(records.map(\.failureClass) == ["product"] && records.map(\.action) == ["escalate"])
        #expect(records.first?.reason == owner.reason)
        #expect(await supervision.directive.reviseReasons == nil)
    }

    @Test func aDocumentFailureInTheDevStageIsStillRevised() async {
        let supervision = Supervision()
        await supervision.configure(Self.context())
        await supervision.beginAttempt()
        let next = await supervision.gateFailed(
            SupervisionTests.missing, agentStatus: .succeeded, commandFailuresOwner: .devLoop(maxAttempts: 3))
        #expect(next == .rerun(after: .zero))
        #expect(await supervision.records.map(\.action) == ["revise"])
    }

    /// Job 1's records on a real state branch, its run started `minutesAgo` and ended now; then job 2's supervisor
    /// reads them.
    @Test func theNextJobReadsTheEpisodeFromState() async throws {
        try await GitHTTPServer.withScratch(prefix: "supervision-state") { git, scratch, token in
            try git.createBareRepository("state")
            let location = StateLocation(
                remote: try git.url(for: "state"), credentials: .token(token),
                cacheDirectory: scratch.appending("cache"))
            let first = Supervision()
            await first.configure(
                Self.context(runID: "job-1") { _ in
                    .dispatched(workflow: "conveyor.yml", ref: "main", inputs: [:])
                })
            _ = try await Self.outageTwice(first)
            let started = Date().addingTimeInterval(-50 * 60)
            _ = try await StateBranchStore(location: location).apply(
                [
                    .upsertWorkItem(WorkItemUpdate(workItem: Self.item, title: "Item", at: started)),
                    .startRun(
                        RunStart(
                            runID: "job-1", workItem: Self.item, stage: "dev", mode: "run", actor: "o", at: started)),
                ] + (await first.records).map { .recordFailure($0) }
                    + [.finishRun(RunFinish(runID: "job-1", status: .failed, outcome: "outage", at: Date()))],
                message: "job 1")

            // Job 2, the dispatched one: the same outage is the same signature again, and the episode already
            // re-dispatched, so it escalates instead of starting a third job.
            let again = Supervision()
            await again.configure(Self.context(runID: "job-2", state: location) { _ in .alreadyDispatched })
            await again.beginAttempt()
            #expect(await again.attemptFailed(try SupervisionTests.outage()) == .stop)
            #expect(await again.escalation?.reason.contains("same failure signature") == true)

            // A different failure in a job whose stage has already run 50 minutes: the time limit is spent.
            let late = Supervision()
            await late.configure(
                Self.context(
                    runID: "job-3", limits: .init(maxAutoReruns: 9, maxTotalDurationMinutes: 45), state: location))
            await late.beginAttempt()
            #expect(
                await late.attemptFailed(AgentError(code: .executableNotFound, message: "`claude` is missing")) == .stop
            )
            let reason = await late.escalation?.reason ?? ""
            #expect(reason.contains("max_total_duration_minutes") && reason.contains("50 minutes"), "\(reason)")

            // And the rerun count: job 1's retry and re-dispatch fill a limit of 2.
            let counted = Supervision()
            await counted.configure(Self.context(runID: "job-4", limits: .init(maxAutoReruns: 2), state: location))
            await counted.beginAttempt()
            #expect(
                await counted.attemptFailed(AgentError(code: .executableNotFound, message: "`claude` is missing"))
                    == .stop)
            #expect(await counted.escalation?.reason.contains("max_auto_reruns") == true)
        }
    }
}

/// The re-dispatch requests a hook received.
actor Requests {
    private(set) var all: [RedispatchRequest] = []

    func add(_ request: RedispatchRequest) {
        all.append(request)
    }
}
