import Flows
import Testing

@Suite struct TransitionTableTests {
    typealias Flow = ReleaseTrainFlow

    /// Every state but the end is reachable from NOT_STARTED, and the end is reachable from every state.
    @Test func everyStateIsReachableAndLeadsToTheBranchCut() {
        var reached: Set<Flow.State> = [.notStarted]
        var frontier: [Flow.State] = [.notStarted]
        while let state = frontier.popLast() {
            for next in Flow.table.successors(of: state) where reached.insert(next).inserted { frontier.append(next) }
        }
        #expect(reached == Set(Flow.State.allCases))
        #expect(Flow.table.successors(of: .readyForBranchCut).isEmpty)
    }

    @Test func theHappyPathFollowsTheIssue() async {
        let path: [(Flow.State, Flow.Event, Flow.State)] = [
            (.notStarted, .startDue, .waitStartApproval), (.waitStartApproval, .approve, .releaseManagerCreated),
            (.releaseManagerCreated, .proceed, .releasesCreated),
            (.releasesCreated, .proceed, .waitMeetingConfirmation),
            (.waitMeetingConfirmation, .meetingHeld, .waitReadinessConfirmations),
            (.waitReadinessConfirmations, .proceed, .readyForBranchCut),
        ]
        for (from, event, to) in path {
            let row = await Flow.table.transition(from: from, on: event, where: { _ in true })
            #expect(row?.to == to, "\(from) on \(event)")
        }
    }

    @Test func aBadVersionOnlyReplies() async {
        let row = await Flow.table.transition(from: .waitStartApproval, on: .version, where: { $0 != .versionValid })
        #expect(row?.to == .waitStartApproval)
        #expect(row?.actions == [.replyBadVersion])
        let good = await Flow.table.transition(from: .waitStartApproval, on: .version, where: { _ in true })
        #expect(good?.actions == [.setVersion, .renderStartApproval, .retitleReleaseIssue])
    }

    @Test func aNonLeadIsRefusedAndReadinessWaitsForEveryTeam() async {
        let refused = await Flow.table.transition(from: .waitReadinessConfirmations, on: .ready, where: { _ in false })
        #expect(refused?.actions == [.replyNotLead])
        let waiting = await Flow.table.transition(
            from: .waitReadinessConfirmations, on: .proceed, where: { _ in false })
        #expect(waiting == nil)
    }

    @Test func commandsOutOfTurnDoNothing() async {
        for (state, event) in [
            (Flow.State.waitMeetingConfirmation, Flow.Event.approve), (.waitStartApproval, .meetingHeld),
            (.waitStartApproval, .ready), (.readyForBranchCut, .approve), (.waitReadinessConfirmations, .version),
        ] {
            let row = await Flow.table.transition(from: state, on: event, where: { _ in true })
            #expect(row == nil, "\(state) on \(event)")
        }
    }

    @Test func guardsAreAskedOnlyWhenTheyCanMatter() async {
        var asked: [Flow.Guard] = []
        _ = await Flow.table.transition(from: .waitStartApproval, on: .approve) { condition in
            asked.append(condition)
            return true
        }
        #expect(asked.isEmpty)
    }
}
