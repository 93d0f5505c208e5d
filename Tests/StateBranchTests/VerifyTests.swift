import ConveyorTestSupport
import Foundation
import Git
import StateBranch
import Testing

@Suite("state verify", .timeLimit(.minutes(2)))
struct VerifyTests {
    @Test("a run that is not finished and holds no live lease is a problem; finishing it clears the problem")
    func unfinishedRunWithoutLease() async throws {
        try await StateFixture.with { fixture in
            let empty = try await StateVerifier.verify(try fixture.location())
            #expect(empty.isOK && empty.tip == nil)

            _ = try await fixture.store().apply(StateFixture.claim("run-a", holder: "job-a", ttl: 60), message: "a")
            let whileLive = try await StateVerifier.verify(try fixture.location(), now: StateFixture.t0)
            #expect(whileLive.isOK, "\(whileLive.problems)")

            let afterExpiry = try await StateVerifier.verify(
                try fixture.location(), now: StateFixture.t0.addingTimeInterval(61))
            #expect(afterExpiry.problems.map(\.kind) == ["run"])
            #expect(afterExpiry.problems.first?.detail.contains("run-a") == true)
            #expect(afterExpiry.problems.first?.fix.contains("conveyor state record-run") == true)

            let finish = StateChange.finishRun(RunFinish(runID: "run-a", status: .cancelled, at: StateFixture.t0))
            _ = try await fixture.store().apply([finish], message: "a cancelled")
            let fixed = try await StateVerifier.verify(
                try fixture.location(), now: StateFixture.t0.addingTimeInterval(61))
            #expect(fixed.isOK, "\(fixed.problems)")
            #expect(fixed.commits == 2 && fixed.runs == 1)
        }
    }

    @Test("a merge commit on the branch and a corrupt database are reported with a fix")
    func mergeAndCorruption() async throws {
        try await StateFixture.with { fixture in
            let base = try #require(
                try await fixture.store().apply(StateFixture.completeRun("run-1"), message: "state: run-1").commit)
            let work = fixture.scratch.appending("cli")
            try GitCLI.run(["clone", "--quiet", "--branch", "conveyor/state", fixture.bare.path, work.path])
            try GitCLI.run(["checkout", "--quiet", "-b", "side", base.description], in: work)
            try Data("not a database".utf8).write(to: work.appendingPathComponent("notes.txt"))
            try GitCLI.run(["add", "notes.txt"], in: work)
            try GitCLI.run(["commit", "--quiet", "-m", "side"], in: work)
            try GitCLI.run(["checkout", "--quiet", "conveyor/state"], in: work)
            try Data("garbage".utf8).write(to: work.appendingPathComponent("state.sqlite"))
            try GitCLI.run(["commit", "--quiet", "-am", "clobber"], in: work)
            try GitCLI.run(["merge", "--quiet", "--no-ff", "-m", "merge side", "side"], in: work)
            try GitCLI.run(["push", "--quiet", "origin", "conveyor/state"], in: work)

            let result = try await StateVerifier.verify(try fixture.location())
            #expect(Set(result.problems.map(\.kind)) == ["history", "database"], "\(result.problems)")
            #expect(result.problems.allSatisfy { !$0.fix.isEmpty })
        }
    }
}
