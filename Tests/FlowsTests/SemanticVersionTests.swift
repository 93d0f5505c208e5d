import Flows
import Testing

@Suite struct SemanticVersionTests {
    @Test(arguments: [
        ("2.7.3", "2.8.0"), ("v2.7.3", "2.8.0"), ("V0.9.12", "0.10.0"), ("1.0.0-rc.1", "1.1.0"),
        ("3.4.5+build.7", "3.5.0"),
    ])
    func nextMinorIncrementsTheMinorAndResetsThePatch(text: String, next: String) throws {
        let version = try #require(SemanticVersion(text))
        #expect(version.nextMinor.description == next)
    }

    @Test(arguments: [
        "2.8", "2.8.0.1", "v", "", "2.8.x", "02.8.0", "2.8.0-", "2.8.0-rc..1", "2.8.0-01", "２.8.0", "-1.2.3",
    ])
    func malformedVersionsAreRejected(text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test func preReleasesParseAndComeBeforeTheirRelease() throws {
        let rc1 = try #require(SemanticVersion("2.8.0-rc.1"))
        let rc2 = try #require(SemanticVersion("2.8.0-rc.2"))
        let rc10 = try #require(SemanticVersion("2.8.0-rc.10"))
        let alpha = try #require(SemanticVersion("2.8.0-alpha"))
        let release = try #require(SemanticVersion("2.8.0+meta"))
        #expect(rc1.isPreRelease && rc1.preRelease == ["rc", "1"])
        #expect(alpha < rc1 && rc1 < rc2 && rc2 < rc10 && rc10 < release)
        #expect(release == SemanticVersion("2.8.0"))
        #expect(rc1.description == "2.8.0-rc.1")
    }

    @Test func theProposalSkipsPreReleasesAndStartsAtZeroPointOne() throws {
        let candidates = ["2.6.1", "2.7.0-rc.1", "2.5.9"].compactMap { SemanticVersion($0) }
        #expect(SemanticVersion.proposal(after: candidates).description == "2.7.0")
        #expect(SemanticVersion.proposal(after: []).description == "0.1.0")
        #expect(SemanticVersion.proposal(after: [SemanticVersion("3.0.0-beta")!]).description == "0.1.0")
    }
}

@Suite struct TrainCommandTests {
    @Test(arguments: [
        ("/version 2.8.0", TrainCommand.version("2.8.0")), ("/approve", .approve), ("/Approve please", .approve),
        ("/done", .meetingHeld), ("Провели", .meetingHeld), ("провели!", .meetingHeld),
        ("/ready backend\nthanks", .ready(team: "backend")), ("/ready", .ready(team: "")),
        ("/version", .version("")),
    ])
    func commandsComeFromTheFirstLine(body: String, command: TrainCommand) {
        #expect(TrainCommand(comment: body) == command)
    }

    @Test(arguments: ["> /approve", "Looks good\n/approve", "```\n/approve\n```", "approve", "", "/rethink arch"])
    func otherTextIsNoCommand(body: String) {
        #expect(TrainCommand(comment: body) == nil)
    }
}
