import ConveyorTestSupport
import Execution
import Foundation
import Testing

@testable import ConveyorCommands

/// The time of a label event, read from the payloads both forges send.
@Suite struct EventTimeTests {
    @Test func gitHubsLabeledPayloadGivesTheIssuesUpdateTime() throws {
        let payload = try ActionsJob.labeledIssue(.github, label: "run:intake", issue: 1)
        #expect(EventTime.of(payload: payload) == Date(timeIntervalSince1970: 1_557_933_618))
    }

    @Test func giteasLabelUpdateWithAnOffsetGivesTheSameInstantInUTC() throws {
        let payload = try ActionsJob.labeledIssue(.gitea, label: "run:intake", issue: 1)
        #expect(EventTime.of(payload: payload) == Date(timeIntervalSince1970: 1_704_877_500))
    }

    @Test func aPayloadWithoutATimeGivesNone() {
        #expect(EventTime.of(payload: Data(#"{"action":"labeled","issue":{"number":1}}"#.utf8)) == nil)
        #expect(JobEvent.parseTime("2024-01-10T10:05:00.250Z") == Date(timeIntervalSince1970: 1_704_881_100.25))
    }
}
