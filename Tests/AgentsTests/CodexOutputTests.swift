import Agents
import ConveyorTestSupport
import Foundation
import Testing

/// How the `codex` agent handles output the real CLI cannot be scripted to print (malformed or cut-off JSON lines),
/// using a stand-in program in the CLI's place that also records how it was started.
@Suite("Codex agent output handling")
struct CodexOutputTests {
    /// A stand-in `codex`: records its arguments, standard input and `CODEX_HOME` beside the log directory's
    /// `codex-home`, prints the file `$STAND_IN_OUTPUT` and exits with `$STAND_IN_EXIT`.
    private static let standIn = """
        #!/bin/sh
        printf '%s\\n' "$@" > "$CODEX_HOME/../stand-in-arguments.txt"
        cat > "$CODEX_HOME/../stand-in-stdin.txt"
        cat "$STAND_IN_OUTPUT"
        exit "${STAND_IN_EXIT:-0}"
        """

    private static func run(
        printing lines: [String], exit status: Int32 = 0, in fixture: AgentFixture
    ) throws -> AgentInvocation {
        let program = fixture.scratch.appending("codex")
        try Data(standIn.utf8).write(to: program)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        let output = fixture.scratch.appending("output.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: output)
        var invocation = fixture.invocation(
            .codex, prompt: "Write the docs (marker 41d0).",
            environment: fixture.parentEnvironment([
                "STAND_IN_OUTPUT": output.path, "STAND_IN_EXIT": String(status), "OPENAI_API_KEY": "sk-unused",
            ]))
        invocation.codexExecutable = program.path
        // The stand-in's own settings are not on the agent allow-list; configuration lets them through.
        invocation.allowedCredentials = ["STAND_IN_OUTPUT", "STAND_IN_EXIT"]
        return invocation
    }

    @Test("Malformed lines among valid events are skipped; the run is judged on the events")
    func malformedLinesAmongEvents() async throws {
        try await AgentFixture.with { fixture in
            let invocation = try Self.run(
                printing: [
                    #"{"type":"thread.started","thread_id":"0199-stand-in"}"#,
                    "WARNING: not a JSON line",
                    #"{"type":"item.completed","item":{"id":"item_0","type":"agent_message","text":"Done."}}"#,
                    #"{"type":"item.completed","item":"#,
                    #"{"type":"turn.completed","usage":{"input_tokens":12,"cached_input_tokens":2,"output_tokens":3}}"#,
                ], in: fixture)
            let outcome = try await AgentRunner.run(invocation)
            #expect(outcome.status == .succeeded)
            #expect(outcome.sessionID == "0199-stand-in")
            #expect(outcome.resultText == "Done.")
            #expect(outcome.usage == TokenUsage(input: 10, output: 3, cacheRead: 2))
            #expect(outcome.costUSD == nil, "no price table entry for the default model")

            let arguments = try String(
                contentsOf: fixture.logs.appendingPathComponent("stand-in-arguments.txt"), encoding: .utf8)
            #expect(arguments == "exec\n--json\n--skip-git-repo-check\n--sandbox\nworkspace-write\n-\n")
            let stdin = try String(
                contentsOf: fixture.logs.appendingPathComponent("stand-in-stdin.txt"), encoding: .utf8)
            #expect(stdin == "Write the docs (marker 41d0).")
            let configuration = try String(
                contentsOf: fixture.logs.appendingPathComponent("codex-home/config.toml"), encoding: .utf8)
            #expect(configuration.contains("base_url = \"https://api.openai.com/v1\""))
            #expect(configuration.contains("request_max_retries = 2"))
        }
    }

    @Test("Output with no JSON event at all is invalid output")
    func onlyMalformedLines() async throws {
        try await AgentFixture.with { fixture in
            let invocation = try Self.run(printing: ["garbage", "{not json"], in: fixture)
            let outcome = try await AgentRunner.run(invocation)
            #expect(
                outcome.status
                    == .invalidOutput(reason: "the Codex CLI printed no JSON events (2 line(s) were not JSON events)"))
            #expect(outcome.report == nil)
        }
    }

    @Test("A stream cut off before its turn ended is invalid output on exit 0 and a crash otherwise")
    func cutOffStream() async throws {
        let lines = [
            #"{"type":"thread.started","thread_id":"0199-cut"}"#, #"{"type":"turn.started"}"#,
            #"{"type":"turn.comple"#,
        ]
        try await AgentFixture.with { fixture in
            let outcome = try await AgentRunner.run(try Self.run(printing: lines, in: fixture))
            guard case .invalidOutput(let reason) = outcome.status else {
                Issue.record("expected .invalidOutput, got \(outcome.status)")
                return
            }
            #expect(reason.contains("neither turn.completed nor turn.failed"))
        }
        try await AgentFixture.with { fixture in
            let outcome = try await AgentRunner.run(try Self.run(printing: lines, exit: 3, in: fixture))
            #expect(outcome.status == .crashed(exitStatus: 3, signal: nil))
        }
    }

    @Test("A previous run's CODEX_HOME is replaced, not reused")
    func freshHomePerRun() async throws {
        try await AgentFixture.with { fixture in
            let stale = fixture.logs.appendingPathComponent("codex-home/stale.txt")
            try FileManager.default.createDirectory(
                at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("old".utf8).write(to: stale)
            let invocation = try Self.run(printing: [#"{"type":"turn.completed","usage":{}}"#], in: fixture)
            let outcome = try await AgentRunner.run(invocation)
            #expect(outcome.status == .succeeded)
            #expect(!FileManager.default.fileExists(atPath: stale.path))
        }
    }
}
