import Actions
import Agents
import Forge
import Foundation
import Gates
import HTTP
import Pipeline
import StateBranch
import Supervisor
import Testing

/// The supervisor's decisions without state (no history): modes, limits, the same signature twice, the narrative.
struct SupervisionTests {
    static func supervision(_ mode: RemediationMode, maxAutoReruns: Int = 2) async -> Supervision {
        let supervision = Supervision()
        await supervision.configure(
            SupervisorContext(
                runID: "run-1", workItem: WorkItemKey(repository: "o/r", number: 7, kind: "issue"), stage: .dev,
                mode: mode,
                policy: RemediationPolicy(
                    mode: mode, limits: .init(maxAutoReruns: maxAutoReruns), flakyReruns: 2, backoffSeconds: 3),
                state: nil))
        return supervision
    }

    static func outage() throws -> ForgeError { try FailureClassifierTests.forgeError(.unavailable, status: 502) }
    static let missing = GateVerdict(
        result: .fail, reasons: [GateReason(code: .missingArtifact, message: "`docs/x.md` is missing")])

    @Test func offModeRecordsNothing() async throws {
        let supervision = await Self.supervision(.off)
        await supervision.beginAttempt()
        #expect(await supervision.attemptFailed(try Self.outage()) == .stop)
        #expect(await supervision.records.isEmpty)
    }

    @Test func shadowModeProposesAndStops() async throws {
        let supervision = await Self.supervision(.shadow)
        await supervision.beginAttempt()
        #expect(await supervision.attemptFailed(try Self.outage()) == .stop)
        let records = await supervision.records
        #expect(records.map(\.action) == ["backoff_retry"] && records.map(\.mode) == ["shadow"])
        #expect(records.first?.result == "proposed")
        #expect(await supervision.escalation == nil)
    }

    @Test func infraBacksOffDoublingThenRedispatchesOnTheSameSignature() async throws {
        let supervision = await Self.supervision(.on, maxAutoReruns: 5)
        await supervision.beginAttempt()
        #expect(await supervision.attemptFailed(try Self.outage()) == .rerun(after: .seconds(3)))
        await supervision.beginAttempt()
        // The same outage again: no second in-job retry, a re-dispatch (no hook here: recorded `not_available`, the job stops).
        #expect(await supervision.attemptFailed(try Self.outage()) == .stop)
        let records = await supervision.records
        #expect(records.map(\.action) == ["backoff_retry", "redispatch"])
        #expect(records.map(\.result) == ["failed_again", "not_available"])
        #expect(records.map(\.attemptID) == ["run-1#1", "run-1#2"])
    }

    @Test func aReviseCarriesTheGateReasonsAndTheSameFailureEscalates() async {
        let supervision = await Self.supervision(.on)
        await supervision.beginAttempt()
        #expect(await supervision.gateFailed(Self.missing, agentStatus: .succeeded) == .rerun(after: .zero))
        #expect(await supervision.directive.reviseReasons == ["`docs/x.md` is missing"])
        await supervision.beginAttempt()
        #expect(await supervision.gateFailed(Self.missing, agentStatus: .succeeded) == .stop)
        let escalation = await supervision.escalation
        #expect(escalation?.failureClass == .product)
        #expect(escalation?.path == "incidents/7/run-1.md")
        #expect(escalation?.markdown.contains("attempt_ids: ['run-1#1', 'run-1#2']") == true)
        let section = await supervision.narrative.markdown(mode: "on").joined(separator: "\n")
        for phase in ["_Launch_", "_Diagnostics_", "_Auto-remediation_", "_Rerun_", "_Escalation_"] {
            #expect(section.contains(phase), "\(phase) in \(section)")
        }
    }

    @Test func anEnvironmentFailureRunsAgainInAFreshCloneOnce() async {
        let supervision = await Self.supervision(.on)
        let missing = AgentError(code: .executableNotFound, message: "`claude` is not on PATH")
        await supervision.beginAttempt()
        #expect(await supervision.attemptFailed(missing) == .rerun(after: .zero))
        let directive = await supervision.directive
        #expect(directive.freshWorkspace && !directive.verboseAgent)
        await supervision.beginAttempt()
        #expect(await supervision.attemptFailed(missing) == .stop, "the same signature a second time")
        #expect(await supervision.records.map(\.action) == ["fresh_workspace", "escalate"])
        #expect(await supervision.escalation?.failureClass.need == .sre)
    }

    @Test func theRerunLimitEscalates() async throws {
        let supervision = await Self.supervision(.on, maxAutoReruns: 0)
        await supervision.beginAttempt()
        #expect(await supervision.attemptFailed(try Self.outage()) == .stop)
        #expect(await supervision.escalation?.reason.contains("max_auto_reruns") == true)
    }

    @Test func aFlakyCommandIsRerunAloneAndRecordedAsRecovered() async {
        let supervision = await Self.supervision(.on)
        let calls = Counter()
        let runner = supervision.commandRunner(
            wrapping: CommandRunner { _, _ in await calls.next() == 1 ? .exited(1) : .exited(0) })
        await supervision.beginAttempt()
        #expect(await runner(["make", "test"], in: URL(fileURLWithPath: "/tmp")) == .exited(0))
        #expect(await calls.value == 2)
        let records = await supervision.records
        #expect(records.map(\.failureClass) == ["flaky"] && records.map(\.result) == ["recovered"])
    }

    @Test func theSectionReplacesAnEarlierOne() {
        let body =
            "marker\n### Conveyor\n\n" + SupervisionNarrative.sectionStart + "\nold\n"
            + SupervisionNarrative.sectionEnd + "\n"
        let replaced = SupervisionNarrative.replacingSection(
            in: body, with: [SupervisionNarrative.sectionStart, "new", SupervisionNarrative.sectionEnd])
        #expect(!replaced.contains("old") && replaced.contains("new"))
        #expect(replaced.components(separatedBy: SupervisionNarrative.sectionStart).count == 2)
    }
}

/// Counts calls across tasks.
actor Counter {
    private(set) var value = 0

    func next() -> Int {
        value += 1
        return value
    }
}
