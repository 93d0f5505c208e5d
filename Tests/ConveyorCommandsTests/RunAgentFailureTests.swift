import ConveyorTestSupport
import Foundation
import Testing

/// An agent that fails in each way a real one can: every case ends in a clear `fail` verdict, one truthful status
/// comment, the `state:blocked` label, a failed run in state, and exit status 1.
@Suite struct RunAgentFailureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let script: String
        let template: String
        let expected: String
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "exits non-zero", script: "exit 3", template: "sh {script}", expected: "exited with status 3"),
        Case(name: "hangs past the timeout", script: "sleep 60", template: "sh {script}", expected: "timed out"),
        Case(name: "writes no artifacts", script: "true", template: "sh {script}", expected: "brief.md"),
        Case(
            name: "writes outside its scope",
            script: "mkdir -p src && echo hack > src/hack.txt", template: "sh {script}", expected: "src/hack.txt"),
        Case(
            name: "prints non-JSON", script: "echo 'all done, trust me' > \"$1\"",
            template: "sh {script} {output_file}",
            expected: "did not finish"),
    ]

    @Test(arguments: cases)
    func eachFailureIsAClearVerdictAndATruthfulComment(_ failure: Case) async throws {
        try await RunWorld.with { world in
            let script = world.scratch.appending("agent.sh")
            try Data(failure.script.utf8).write(to: script)
            let run = try await world.conveyor(
                ["run"],
                [
                    "CONVEYOR_AGENT": "command",
                    "CONVEYOR_AGENT_COMMAND": failure.template.replacingOccurrences(of: "{script}", with: script.path),
                    "CONVEYOR_AGENT_TIMEOUT_SECONDS": "1",
                ])
            #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            let comments = await world.forge.comments(issue: 1)
            #expect(comments.count == 1)
            let body = try #require(comments.first?.body)
            #expect(body.contains("gate verdict `fail`"), "\(body)")
            #expect(body.contains(failure.expected), "\(body)")
            #expect(await world.forge.labels(issue: 1).contains("state:blocked"))
            let runs = try await world.conveyor(["state", "runs"])
            #expect(runs.stdout.contains("failed"), "\(runs.stdout)")
            let verify = try await world.conveyor(["state", "verify"])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            let branches = try GitCLI.run(["-C", world.bare.path, "branch", "--list", "conveyor/1-*"])
            if failure.name == "writes outside its scope" {
                #expect(branches.isEmpty, "a write outside the scope is never pushed")
            }
        }
    }
}
