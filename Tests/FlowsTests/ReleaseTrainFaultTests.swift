import Actions
import ConveyorTestSupport
import Flows
import Forge
import Foundation
import StateBranch
import Testing

/// Forge failures during the train: 5xx, 429 and a connection dropped after the forge stored a write are retried,
/// and nothing the train creates exists twice, even when a heartbeat fails half-way and the next one redoes it.
@Suite struct ReleaseTrainFaultTests {
    @Test(arguments: [ForgeKind.github, .gitea])
    func failuresAreRetriedWithoutDuplicates(kind: ForgeKind) async throws {
        try await TrainWorld.with(kind) { world in
            let forge = world.forge
            let dialect = world.dialect
            await forge.inject(.afterWrite(.dropConnection), on: .createIssue, dialect: dialect)
            await forge.inject(.status(503), on: .createComment, dialect: dialect)
            await forge.inject(.status(429, headers: ["Retry-After": "0"]), on: .listComments, dialect: dialect)
            try await world.tick(friday("08:00:00"))
            let issues = await (1...5).asyncCompactMap { await forge.issue($0) }.filter {
                $0.title.hasPrefix("Release")
            }
            #expect(issues.count == 1)
            #expect(await forge.requestCount(.createIssue, dialect: dialect) == 1)
            let issue = try #require(issues.first?.number)
            #expect(await world.comments(issue, containing: "confirm the version").count == 1)

            // The first milestone's answer is lost after it was stored; the second repository fails three times,
            // which ends the heartbeat before it saves anything.
            await world.say("/approve", as: "alice", on: issue)
            await forge.inject(.afterWrite(.status(502)), on: .createMilestone, dialect: dialect)
            await forge.inject(.status(500), on: .createMilestone, dialect: dialect, times: 3)
            await #expect(throws: (any Error).self) { try await world.tick(friday("08:15:00")) }
            #expect(try await world.trains().first?.state == "WAIT_START_APPROVAL")

            // The next heartbeat redoes the step: finds what exists, creates what is missing, once.
            try await world.tick(friday("08:15:00"))
            #expect(try await world.trains().first?.state == "WAIT_MEETING_CONFIRMATION")
            #expect(await forge.milestones().map(\.title) == ["0.1.0"])
            #expect(await forge.milestones(repository: "mobile").count == 1)
            #expect(await world.comments(issue, containing: "confirm the version").count == 1)
            #expect(await world.comments(issue, containing: "release-fixing meeting").count == 1)
            let labelWrites = await world.writes().filter { $0.pathTemplate.hasSuffix("/labels") }
            #expect(labelWrites.count == 1)
        }
    }
}

extension ClosedRange where Bound == Int {
    func asyncCompactMap<T>(_ transform: (Int) async -> T?) async -> [T] {
        var result: [T] = []
        for value in self { if let mapped = await transform(value) { result.append(mapped) } }
        return result
    }
}
