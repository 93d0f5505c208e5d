/// The release train as a transition table (issue 11): from the weekly start to READY_FOR_BRANCH_CUT.
///
/// | from | event | guard | to | actions |
/// |---|---|---|---|---|
/// | NOT_STARTED | startDue | | WAIT_START_APPROVAL | openReleaseIssue, askStartApproval |
/// | WAIT_START_APPROVAL | version | versionValid | WAIT_START_APPROVAL | setVersion, renderStartApproval, retitleReleaseIssue |
/// | WAIT_START_APPROVAL | version | | WAIT_START_APPROVAL | replyBadVersion |
/// | WAIT_START_APPROVAL | approve | | RELEASE_MANAGER_CREATED | recordApproval, linkReleaseItem, labelReleaseItem |
/// | RELEASE_MANAGER_CREATED | proceed | | RELEASES_CREATED | createMilestones |
/// | RELEASES_CREATED | proceed | | WAIT_MEETING_CONFIRMATION | askMeetingConfirmation |
/// | WAIT_MEETING_CONFIRMATION | meetingHeld | | WAIT_READINESS_CONFIRMATIONS | askReadiness |
/// | WAIT_READINESS_CONFIRMATIONS | ready | senderLeadsTeam | WAIT_READINESS_CONFIRMATIONS | markTeamReady, renderReadiness |
/// | WAIT_READINESS_CONFIRMATIONS | ready | | WAIT_READINESS_CONFIRMATIONS | replyNotLead |
/// | WAIT_READINESS_CONFIRMATIONS | proceed | allTeamsReady | READY_FOR_BRANCH_CUT | announceBranchCut, closeTrain |
///
/// Commands (`version`, `approve`, `meetingHeld`, `ready`) reach the table only from a person the forge's
/// ``Forge/Authorizer`` allows (write, maintain or admin; never a bot or Conveyor itself); anyone else gets one
/// short refusal and changes nothing. `proceed` is fired by the runner after every transition until no row
/// answers it, so automatic steps follow each other within one heartbeat.
public enum ReleaseTrainFlow {
    /// The flow's name in state (`flows.flow`).
    public static let name = "release-train"

    /// Where a train is.
    public enum State: String, Sendable, Hashable, CaseIterable, Codable {
        /// No train this week yet (never stored).
        case notStarted = "NOT_STARTED"
        /// The release issue asks the owner to confirm the version.
        case waitStartApproval = "WAIT_START_APPROVAL"
        /// The owner approved; the release issue is linked to the train.
        case releaseManagerCreated = "RELEASE_MANAGER_CREATED"
        /// A milestone of the version exists in every configured repository.
        case releasesCreated = "RELEASES_CREATED"
        /// Waiting for the owner to say the release-fixing meeting took place.
        case waitMeetingConfirmation = "WAIT_MEETING_CONFIRMATION"
        /// Waiting for every team lead's `/ready <team>`.
        case waitReadinessConfirmations = "WAIT_READINESS_CONFIRMATIONS"
        /// Every team is ready; the train is closed.
        case readyForBranchCut = "READY_FOR_BRANCH_CUT"

        /// True in the states where the train waits for people.
        public var isWaiting: Bool {
            [.waitStartApproval, .waitMeetingConfirmation, .waitReadinessConfirmations].contains(self)
        }
    }

    /// What happens to a train.
    public enum Event: String, Sendable, Hashable, CaseIterable {
        /// The schedule says this week's train starts.
        case startDue
        /// `/version X.Y.Z`.
        case version
        /// `/approve`.
        case approve
        /// `/done` or «Провели».
        case meetingHeld
        /// `/ready <team>`.
        case ready
        /// Nothing from outside: the runner asks whether an automatic step follows.
        case proceed
    }

    /// The conditions rows depend on.
    public enum Guard: String, Sendable, Hashable {
        /// The `/version` argument is a semantic version.
        case versionValid
        /// The sender is a configured lead of the named team.
        case senderLeadsTeam
        /// Every configured team is ✅.
        case allTeamsReady
    }

    /// The side effects, each performed so that repeating it reads what exists instead of creating it again.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// Open the issue `Release X.Y.Z`, or reuse the open one of that title.
        case openReleaseIssue
        /// Post the one message that asks to confirm the version.
        case askStartApproval
        /// Take the version from `/version`.
        case setVersion
        /// Re-render the approval message with the current version.
        case renderStartApproval
        /// Give the release issue the title `Release X.Y.Z` of the current version, unless it has it already.
        case retitleReleaseIssue
        /// Reply that the `/version` argument is not a version.
        case replyBadVersion
        /// Record who approved and when.
        case recordApproval
        /// Record the `links` row train → release issue.
        case linkReleaseItem
        /// Put the configured labels on the release issue.
        case labelReleaseItem
        /// Find or create the milestone `X.Y.Z` in every configured repository.
        case createMilestones
        /// Post the one meeting comment with links to the milestone's items.
        case askMeetingConfirmation
        /// Post the one readiness comment with the team table.
        case askReadiness
        /// Mark the sender's team ✅ (never undone).
        case markTeamReady
        /// Re-render the readiness comment in place.
        case renderReadiness
        /// Reply that the sender does not lead the named team.
        case replyNotLead
        /// Announce READY_FOR_BRANCH_CUT in the release issue.
        case announceBranchCut
        /// Mark the train closed in state.
        case closeTrain
    }

    /// The table.
    public typealias Table = TransitionTable<State, Event, Guard, Action>

    /// Every row of the release train.
    public static let table = Table([
        .init(
            from: .notStarted, on: .startDue, to: .waitStartApproval, actions: [.openReleaseIssue, .askStartApproval]),
        .init(
            from: .waitStartApproval, on: .version, when: .versionValid, to: .waitStartApproval,
            actions: [.setVersion, .renderStartApproval, .retitleReleaseIssue]),
        .init(from: .waitStartApproval, on: .version, to: .waitStartApproval, actions: [.replyBadVersion]),
        .init(
            from: .waitStartApproval, on: .approve, to: .releaseManagerCreated,
            actions: [.recordApproval, .linkReleaseItem, .labelReleaseItem]),
        .init(from: .releaseManagerCreated, on: .proceed, to: .releasesCreated, actions: [.createMilestones]),
        .init(from: .releasesCreated, on: .proceed, to: .waitMeetingConfirmation, actions: [.askMeetingConfirmation]),
        .init(
            from: .waitMeetingConfirmation, on: .meetingHeld, to: .waitReadinessConfirmations, actions: [.askReadiness]
        ),
        .init(
            from: .waitReadinessConfirmations, on: .ready, when: .senderLeadsTeam, to: .waitReadinessConfirmations,
            actions: [.markTeamReady, .renderReadiness]),
        .init(from: .waitReadinessConfirmations, on: .ready, to: .waitReadinessConfirmations, actions: [.replyNotLead]),
        .init(
            from: .waitReadinessConfirmations, on: .proceed, when: .allTeamsReady, to: .readyForBranchCut,
            actions: [.announceBranchCut, .closeTrain]),
    ])
}
