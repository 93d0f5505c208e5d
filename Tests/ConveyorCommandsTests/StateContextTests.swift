import ArgumentParser
import Foundation
import StateBranch
import Testing

@testable import ConveyorCommands

@Suite("Where `conveyor state` finds the state branch")
struct StateContextTests {
    private func context(_ arguments: [String], _ variables: [String: String]) throws -> StateContext {
        try StateContext(StateLocationOptions.parse(arguments), variables: variables)
    }

    @Test("flag, then CONVEYOR_STATE_REMOTE, then the Actions repository; branch and file default")
    func remotePrecedence() throws {
        let actions = [
            "GITHUB_SERVER_URL": "https://git.example.com", "GITHUB_REPOSITORY": "octo/repo",
            "CONVEYOR_TOKEN": "s3cret-token",
        ]
        let fromActions = try context([], actions)
        #expect(fromActions.location.remote.absoluteString == "https://git.example.com/octo/repo.git")
        #expect(fromActions.location.branch == "conveyor/state" && fromActions.location.file == "state.sqlite")
        #expect(fromActions.repository(nil) == "octo/repo")
        #expect(!"\(fromActions.location.credentials)".contains("s3cret-token"))

        var withVariable = actions
        withVariable["CONVEYOR_STATE_REMOTE"] = "http://127.0.0.1:9/state.git"
        #expect(try context([], withVariable).location.remote.absoluteString == "http://127.0.0.1:9/state.git")
        let flagged = try context(["--state-remote", "http://127.0.0.1:8/x.git", "--state-branch", "b"], withVariable)
        #expect(flagged.location.remote.absoluteString == "http://127.0.0.1:8/x.git")
        #expect(flagged.location.branch == "b")
    }

    @Test("no remote anywhere is an error that names every way to give one")
    func noRemote() throws {
        let error = #expect(throws: StateCommandError.self) { try context([], [:]) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("--state-remote"))
    }

    @Test("a temporary cache per process, pending files in RUNNER_TEMP named after the Actions run")
    func cacheAndPendingFiles() throws {
        let base = ["CONVEYOR_STATE_REMOTE": "http://127.0.0.1:9/state.git"]
        let first = try context([], base)
        let second = try context([], base)
        #expect(first.temporaryCache && first.location.cacheDirectory != second.location.cacheDirectory)
        #expect(first.repository(nil) == "state")

        let job = base.merging(["RUNNER_TEMP": "/runner/tmp", "GITHUB_RUN_ID": "77", "GITHUB_RUN_ATTEMPT": "2"]) { $1 }
        let options = try context(["--state-cache", "/cache"], job).writeOptions(runID: "ignored")
        #expect(options.pendingDirectory?.path == "/runner/tmp")
        #expect(options.pendingLabel == "77-2")
        #expect(try context([], job).defaultHolder == "actions-77", "every attempt of one Actions run holds its lease")
        #expect(try context([], job).defaultRunID(stage: "dev", number: 5) == "77-2-dev-5")
    }
}
