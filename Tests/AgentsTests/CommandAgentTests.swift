import Agents
import Foundation
import Testing

/// The `command` agent with small shell scripts standing in for an agent CLI.
@Suite("Command agent")
struct CommandAgentTests {
    private static func run(
        _ fixture: AgentFixture, _ arguments: [String], resultSource: CommandTemplate.ResultSource? = nil,
        environment: [String: String]? = nil, timeout: Duration = .seconds(30)
    ) async throws -> AgentOutcome {
        var invocation = fixture.invocation(.command, environment: environment, timeout: timeout)
        invocation.commandTemplate = try CommandTemplate(arguments: arguments, resultSource: resultSource)
        return try await AgentRunner.run(invocation)
    }

    @Test("A non-zero exit is a crash with the exit status, and stderr is kept in the transcript")
    func nonZeroExit() async throws {
        try await AgentFixture.with { fixture in
            let outcome = try await Self.run(fixture, ["/bin/sh", "-c", "echo 'model unreachable' >&2; exit 3"])
            #expect(outcome.status == .crashed(exitStatus: 3, signal: nil))
            #expect(outcome.exitStatus == 3)
            let stderr = try String(contentsOf: outcome.transcript.standardError, encoding: .utf8)
            #expect(stderr == "model unreachable\n")
        }
    }

    @Test("A hang past the timeout ends the whole process group, grandchild included, SIGTERM then SIGKILL")
    func timeoutKillsProcessGroup() async throws {
        try await AgentFixture.with { fixture in
            // The agent and its grandchild both ignore SIGTERM, so only the SIGKILL after the grace period ends them.
            let script = """
                trap '' TERM
                sh -c 'echo $$ > grandchild.pid; exec sleep 60' &
                echo $$ > agent.pid
                sleep 60
                """
            let started = ContinuousClock.now
            let outcome = try await Self.run(fixture, ["/bin/sh", "-c", script], timeout: .seconds(1))
            let elapsed = ContinuousClock.now - started
            #expect(outcome.status == .timedOut)
            #expect(outcome.exit?.timedOut == true)
            #expect(outcome.signal == SIGKILL)
            #expect(elapsed >= .milliseconds(1400))
            #expect(elapsed < .seconds(40), "the agent sleeps 60 s; only the kill can end it sooner")
            let grandchild = try #require(Int32(fixture.workFile("grandchild.pid")?.trimmed ?? ""))
            let agent = try #require(Int32(fixture.workFile("agent.pid")?.trimmed ?? ""))
            #expect(await ProcessState.waitUntilGone(agent))
            #expect(await ProcessState.waitUntilGone(grandchild))
        }
    }

    @Test("Cancelling the calling task ends the process group and throws cancelled")
    func cancellation() async throws {
        try await AgentFixture.with { fixture in
            let script = "sh -c 'echo $$ > grandchild.pid; exec sleep 60' & sleep 60"
            var invocation = fixture.invocation(.command)
            invocation.commandTemplate = try CommandTemplate(arguments: ["/bin/sh", "-c", script])
            let run = Task { try await AgentRunner.run(invocation) }
            let deadline = ContinuousClock.now + .seconds(5)
            while fixture.workFile("grandchild.pid") == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            run.cancel()
            let error = await #expect(throws: AgentError.self) { try await run.value }
            #expect(error?.code == .cancelled)
            let grandchild = try #require(Int32(fixture.workFile("grandchild.pid")?.trimmed ?? ""))
            #expect(await ProcessState.waitUntilGone(grandchild))
        }
    }

    @Test("A grandchild left running after a normal exit is killed too")
    func strayGrandchildAfterExit() async throws {
        try await AgentFixture.with { fixture in
            let script = "sh -c 'echo $$ > stray.pid; exec sleep 60' & sleep 0.2; exit 0"
            let outcome = try await Self.run(fixture, ["/bin/sh", "-c", script])
            #expect(outcome.status == .succeeded)
            let stray = try #require(Int32(fixture.workFile("stray.pid")?.trimmed ?? ""))
            #expect(await ProcessState.waitUntilGone(stray))
        }
    }

    @Test("Plain text where a JSON result is required is invalid output")
    func nonJSONOutput() async throws {
        try await AgentFixture.with { fixture in
            let outcome = try await Self.run(
                fixture, ["/bin/sh", "-c", "echo 'All done, the docs look great!'"], resultSource: .standardOutput)
            guard case .invalidOutput(let reason) = outcome.status else {
                Issue.record("expected .invalidOutput, got \(outcome.status)")
                return
            }
            #expect(reason.contains("no JSON result object"))
        }
    }

    @Test("Exit 0 with nothing printed is invalid output when a result is required")
    func emptyOutput() async throws {
        try await AgentFixture.with { fixture in
            let outcome = try await Self.run(fixture, ["/bin/true"], resultSource: .standardOutput)
            #expect(outcome.status == .invalidOutput(reason: "the agent printed no result: the output is empty"))
        }
    }

    @Test("A result file in Claude's shape is parsed and judged")
    func resultFile() async throws {
        try await AgentFixture.with { fixture in
            let result =
                #"{"type":"result","subtype":"success","is_error":false,"result":"ok","total_cost_usd":0.25,"#
                + #""num_turns":4,"usage":{"input_tokens":10,"output_tokens":5}}"#
            let outcome = try await Self.run(
                fixture, ["/bin/sh", "-c", "printf '%s' '\(result)' > \"$1\"", "sh", "{output_file}"])
            #expect(outcome.status == .succeeded)
            #expect(outcome.costUSD == 0.25)
            #expect(outcome.numTurns == 4)
            #expect(outcome.usage == TokenUsage(input: 10, output: 5))
            #expect(outcome.transcript.resultFile.map { FileManager.default.fileExists(atPath: $0.path) } == true)
        }
    }

    @Test("A missing result file is invalid output; a failing result is a failure")
    func resultFileProblems() async throws {
        try await AgentFixture.with { fixture in
            let missing = try await Self.run(fixture, ["/bin/sh", "-c", "true", "sh", "{output_file}"])
            guard case .invalidOutput(let reason) = missing.status else {
                Issue.record("expected .invalidOutput, got \(missing.status)")
                return
            }
            #expect(reason.contains("wrote no result file"))
            let failing = #"{"type":"result","subtype":"error_during_execution","is_error":true,"errors":["boom"]}"#
            let failed = try await Self.run(
                fixture, ["/bin/sh", "-c", "printf '%s' '\(failing)' > \"$1\"", "sh", "{output_file}"])
            #expect(failed.status == .failed(reason: "error_during_execution: boom"))
        }
    }

    @Test("Writing no artifacts is still a success for the agent; the gate judges the documents")
    func noArtifacts() async throws {
        try await AgentFixture.with { fixture in
            let outcome = try await Self.run(fixture, ["/bin/sh", "-c", "exit 0"])
            #expect(outcome.status == .succeeded)
            #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.work.path).isEmpty)
        }
    }

    @Test("The prompt arrives on stdin and in {prompt_file}; the work tree is the current directory")
    func promptAndDirectory() async throws {
        try await AgentFixture.with { fixture in
            let prompt = "Intake for #7: \"quotes\", $dollars and `ticks`\nsecond line\n"
            var invocation = fixture.invocation(.command, prompt: prompt)
            invocation.commandTemplate = try CommandTemplate(
                parsing: #"sh -c 'cat > from-stdin.txt; cp "$1" from-file.txt; pwd > cwd.txt' sh {prompt_file}"#)
            let outcome = try await AgentRunner.run(invocation)
            #expect(outcome.status == .succeeded)
            #expect(fixture.workFile("from-stdin.txt") == prompt)
            #expect(fixture.workFile("from-file.txt") == prompt)
            let cwd = fixture.workFile("cwd.txt")?.trimmed
            #expect(
                cwd.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                    == fixture.work.resolvingSymlinksInPath().path)
        }
    }

    @Test("Forge tokens never reach the agent; agent credentials and ordinary variables do")
    func environmentIsScrubbed() async throws {
        try await AgentFixture.with { fixture in
            let secrets = [
                "GITHUB_TOKEN": "ghs_forgeTokenValue111", "GITEA_TOKEN": "gitea-token-value-222",
                "GH_TOKEN": "gho_ghCliValue333", "CONVEYOR_TOKEN": "conveyor-token-444",
                "INPUT_TOKEN": "input-token-555", "ACTIONS_RUNTIME_TOKEN": "runtime-token-666",
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN": "oidc-token-777",
                "ACTIONS_ID_TOKEN_REQUEST_URL": "https://oidc.invalid/request?x=888",
                "NPM_TOKEN": "npm-token-999", "DEPLOY_PASSWORD": "hunter2-000",
                "AWS_SECRET_ACCESS_KEY": "aws-secret-aaa",
                "GITHUB_SERVER_URL": "https://x-access-token:ghs_inUrlbbb@forge.invalid",
                "GITEA_ACTIONS_TOKEN_URL": "https://gitea.invalid/ccc",
            ]
            let kept = [
                "ANTHROPIC_BASE_URL": "http://127.0.0.1:9", "ANTHROPIC_API_KEY": "sk-ant-kept",
                "CLAUDE_CODE_MAX_RETRIES": "0", "GITHUB_REPOSITORY": "octo-org/hello-world",
                "GITHUB_WORKSPACE": "/workspace", "TMPDIR": "/tmp",
            ]
            let environment = fixture.parentEnvironment(secrets.merging(kept) { first, _ in first })
            let outcome = try await Self.run(
                fixture, ["/bin/sh", "-c", "env > env.txt"], environment: environment)
            #expect(outcome.status == .succeeded)
            let dump = try #require(fixture.workFile("env.txt"))
            let names = Set(dump.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
            for (name, value) in secrets {
                #expect(!names.contains(name), "\(name) reached the agent")
                #expect(!dump.contains(value), "the value of \(name) reached the agent")
            }
            for (name, value) in kept {
                #expect(dump.contains("\(name)=\(value)\n"), "\(name) did not reach the agent")
            }
            #expect(names.contains("PATH") && names.contains("HOME") && names.contains("LANG"))
            #expect(outcome.withheldVariables == secrets.keys.sorted())
        }
    }

    @Test("A program that is not on the scrubbed PATH is an error naming it")
    func missingProgram() async throws {
        try await AgentFixture.with { fixture in
            let error = await #expect(throws: AgentError.self) {
                _ = try await Self.run(fixture, ["conveyor-no-such-agent", "{prompt_file}"])
            }
            #expect(error?.code == .executableNotFound)
            #expect(error?.message.contains("conveyor-no-such-agent") == true)
        }
    }
}

extension String {
    /// The string without surrounding whitespace and newlines.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
