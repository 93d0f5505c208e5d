import Actions
import ConveyorTestSupport
import Flows
import Forge
import Foundation
import StateBranch
import Testing

/// Issue 11's acceptance run: a whole train on the fake forge with a controllable clock, every tick run twice.
@Suite(.serialized) struct ReleaseTrainEndToEndTests {
    @Test(arguments: [ForgeKind.github, .gitea])
    func wholeTrainFromFridayToBranchCut(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind) { world in
            for tag in ["v2.5.0", "v2.6.1", "2.7.0-rc.1", "not-a-version"] { await world.forge.seedTag(tag) }

            // Friday 10:59 Moscow: nothing happens.
            try await world.tickTwice(friday("07:59:00"))
            #expect(await world.writes().isEmpty)
            #expect(try await world.trains().isEmpty)

            // 11:00: the release issue and the one approval message; the proposal is v2.6.1 with Y+1.
            let started = try await world.tickTwice(friday("08:00:00"))
            #expect(started.lines.contains { $0.contains("NOT_STARTED → WAIT_START_APPROVAL") })
            let data = try #require(try await world.trainData())
            let issue = try #require(data.issue)
            #expect(data.version.description == "2.7.0")
            #expect(await world.forge.issue(issue)?.title == "Release 2.7.0")
            let approval = try #require(data.approvalComment)
            #expect(await world.body(approval)?.contains("**2.7.0**") == true)

            // A bad /version gets one reply and changes nothing: not the version, the message or the title.
            let approvalText = await world.body(approval)
            await world.say("/version 2.8", as: "alice", on: issue)
            try await world.tickTwice(friday("08:15:00"))
            #expect(try await world.trainData()?.version.description == "2.7.0")
            #expect(await world.body(approval) == approvalText)
            #expect(await world.forge.issue(issue)?.title == "Release 2.7.0")
            #expect(await world.comments(issue, containing: "is not a semantic version").count == 1)
            #expect(await world.writes(to: "/issues/{issue_number}", "/issues/{index}").isEmpty)

            // /version 2.8.0 edits the same message and renames the issue, once; a reader's /approve is refused.
            await world.say("/approve", as: "eve", on: issue)
            await world.say("/version 2.8.0", as: "alice", on: issue)
            try await world.tickTwice(friday("08:30:00"))
            let versioned = try #require(try await world.trainData())
            #expect(versioned.version.description == "2.8.0")
            #expect(versioned.approvalComment == approval)
            #expect(versioned.issue == issue)
            #expect(await world.body(approval)?.contains("**2.8.0**") == true)
            #expect(await world.forge.issue(issue)?.title == "Release 2.8.0")
            #expect(await world.writes(to: "/issues/{issue_number}", "/issues/{index}").count == 1)
            #expect(await world.comments(issue, containing: "is not a semantic version").count == 1)
            #expect(await world.comments(issue, containing: "only people with write access").count == 1)
            #expect(try await world.trains().first?.state == "WAIT_START_APPROVAL")

            // /approve: linked, labelled, milestone 2.8.0 in both repositories, the meeting comment.
            await world.say("/approve", as: "alice", on: issue)
            try await world.tickTwice(friday("08:45:00"))
            #expect(try await world.trains().first?.state == "WAIT_MEETING_CONFIRMATION")
            #expect(await world.forge.milestones().map(\.title) == ["2.8.0"])
            #expect(await world.forge.milestones(repository: "mobile").map(\.title) == ["2.8.0"])
            #expect(await world.forge.labels(issue: issue).contains("release"))
            let meeting = await world.comments(issue, containing: "release-fixing meeting")
            #expect(meeting.count == 1)
            #expect(meeting.first?.body.contains(kind == .github ? "milestone%3A%222.8.0%22" : "milestone=") == true)

            // Waiting for the meeting is looked at every 4 hours: a tick at 09:00 has nothing due and exits without
            // asking the forge anything.
            let requests = await world.forge.exchanges().count
            let idle = try await world.tick(friday("09:00:00"))
            #expect(idle.nothingDue)
            #expect(await world.forge.exchanges().count == requests)

            // The meeting confirmed four hours later (`/done` on one dialect, «Провели» on the other): the
            // readiness table, every team ⏳.
            await world.say(Self.meetingHeld(kind), as: "alice", on: issue)
            try await world.tickTwice(friday("12:45:00"))
            let ready = try #require(try await world.trainData())
            let table = try #require(ready.readinessComment)
            #expect(await world.body(table)?.components(separatedBy: "⏳").count == 4)

            // Odd order, one lead twice, one person who leads nothing: one message, edited in place.
            await world.say("/ready backend", as: "mallory", on: issue)
            await world.say("/ready ios", as: "dave", on: issue)
            await world.say("/ready backend", as: "bob", on: issue)
            await world.say("/ready ios", as: "dave", on: issue)
            try await world.tickTwice(friday("13:00:00"))
            let partial = try #require(try await world.trainData())
            #expect(partial.readinessComment == table)
            #expect(Set(partial.readiness.keys) == ["backend", "ios"])
            #expect(partial.readiness["backend"]?.by == "bob")
            #expect(await world.comments(issue, containing: "only the leads of `backend`").count == 1)
            #expect(await world.comments(issue, containing: "### Release 2.8.0: readiness").count == 1)

            await world.say("/ready web", as: "erin", on: issue)
            try await world.tickTwice(friday("13:15:00"))
            let done = try #require(try await world.trains().first)
            #expect(done.state == "READY_FOR_BRANCH_CUT")
            #expect(done.closedAt != nil)
            #expect(await world.body(table)?.contains("⏳") == false)
            #expect(await world.comments(issue, containing: "READY_FOR_BRANCH_CUT").count == 1)

            // A closed train stays closed; the week's train is not started again. The renamed issue is the only
            // release issue: every step found it by the number state recorded.
            try await world.tickTwice(friday("18:00:00"))
            #expect(try await world.trains().count == 1)
            #expect(await world.releaseIssues().map(\.number) == [issue])
            #expect(await world.writes(to: "/issues/{issue_number}", "/issues/{index}").count == 1)
            let log = await world.log.lines
            #expect(log.contains { $0.contains("\"release_version\":\"2.8.0\"") && $0.contains("\"latency_ms\"") })
            #expect(log.contains { $0.contains("\"tool\":\"forge.createMilestone\"") })
        }
    }
}

extension ReleaseTrainEndToEndTests {
    /// How the meeting owner confirms the meeting on `kind`'s forge: both forms are accepted, so each dialect's run
    /// uses one of them.
    static func meetingHeld(_ kind: ForgeKind) -> String {
        kind == .github ? "/done" : "Провели"
    }
}

extension TrainWorld {
    /// The forge's write requests whose path template ends with one of `suffixes`.
    func writes(to suffixes: String...) async -> [RecordedExchange] {
        await writes().filter { exchange in suffixes.contains { exchange.pathTemplate.hasSuffix($0) } }
    }

    /// The issues of the forge's first repository titled `Release …`.
    func releaseIssues() async -> [ForgeIssue] {
        await (1...20).asyncCompactMap { await forge.issue($0) }.filter { $0.title.hasPrefix("Release") }
    }

    /// The body of comment `id` on the forge's first repository.
    func body(_ id: Int) async -> String? {
        await forge.exchanges().isEmpty ? nil : await allComments().first { $0.id == id }?.body
    }

    /// Every comment on issue `issue` whose body contains `text`.
    func comments(_ issue: Int, containing text: String) async -> [ForgeComment] {
        await forge.comments(issue: issue).filter { $0.body.contains(text) }
    }

    private func allComments() async -> [ForgeComment] {
        var all: [ForgeComment] = []
        for number in 1...20 { all += await forge.comments(issue: number) }
        return all
    }
}
