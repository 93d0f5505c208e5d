import ConveyorTestSupport
import Foundation
import Testing

@Suite struct DoctorBinaryTests {
    @Test func builtBinaryPrintsJSONWithoutTheTokenAndExitsByOutcome() throws {
        let binary = try BuiltBinary.url()
        let token = "ghp_binaryDoctorSecret42"
        let job = [
            "GITHUB_ACTIONS": "true", "GITHUB_API_URL": "https://api.github.com",
            "GITHUB_REPOSITORY": "octo/hello", "GITHUB_TOKEN": token, "CONVEYOR_AGENT": "offline",
        ]
        let passing = try ProcessRunner.run([binary.path, "doctor", "--format", "json"], environment: job)
        #expect(passing.status == 0, "stderr: \(passing.stderr)")
        #expect(!passing.stdout.contains(token) && !passing.stderr.contains(token))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(passing.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == true)

        var tokenless = job
        tokenless["GITHUB_TOKEN"] = ""
        let failing = try ProcessRunner.run([binary.path, "doctor"], environment: tokenless)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL token"))
    }

    @Test("#34 doctor checks the claude CLI (found, version) and its key, naming what is missing")
    func doctorChecksTheAgentCLIAndKey() throws {
        let binary = try BuiltBinary.url()
        let scratch = try TemporaryDirectory(prefix: "doctor-agent")
        let claude = scratch.appending("claude")
        try Data("#!/bin/sh\necho '2.0.14 (Claude Code)'\n".utf8).write(to: claude)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: claude.path)
        let job = [
            "GITHUB_ACTIONS": "true", "GITHUB_API_URL": "https://api.github.com", "GITHUB_REPOSITORY": "octo/hello",
            "GITHUB_TOKEN": "ghp_doctorAgent", "CONVEYOR_AGENT": "claude", "CONVEYOR_CLAUDE_BIN": claude.path,
            "ANTHROPIC_API_KEY": "sk-ant-doctor-secret", "ANTHROPIC_AUTH_TOKEN": "", "CLAUDE_CODE_OAUTH_TOKEN": "",
        ]
        let ready = try ProcessRunner.run([binary.path, "doctor"], environment: job)
        #expect(ready.status == 0, "\(ready.stdout)\n\(ready.stderr)")
        #expect(ready.stdout.contains("2.0.14 (Claude Code)") && ready.stdout.contains("ANTHROPIC_API_KEY is set"))
        #expect(!ready.stdout.contains("sk-ant-doctor-secret"))

        var bare = job
        bare["ANTHROPIC_API_KEY"] = ""
        bare["CONVEYOR_CLAUDE_BIN"] = scratch.appending("missing-claude").path
        let missing = try ProcessRunner.run([binary.path, "doctor"], environment: bare)
        #expect(missing.status == 1)
        #expect(
            missing.stdout.contains("FAIL agent-cli") && missing.stdout.contains("missing-claude"), "\(missing.stdout)")
        #expect(missing.stdout.contains("FAIL agent-key") && missing.stdout.contains("CLAUDE_CODE_OAUTH_TOKEN"))
    }

    @Test("doctor checks the real codex CLI (found, version) and OPENAI_API_KEY, naming what is missing")
    func doctorChecksTheCodexCLIAndKey() throws {
        let binary = try BuiltBinary.url()
        let scratch = try TemporaryDirectory(prefix: "doctor-codex")
        defer { scratch.remove() }
        let job = [
            "GITHUB_ACTIONS": "true", "GITHUB_API_URL": "https://api.github.com", "GITHUB_REPOSITORY": "octo/hello",
            "GITHUB_TOKEN": "ghp_doctorCodex", "CONVEYOR_AGENT": "codex",
            "CONVEYOR_CODEX_BIN": try CodexBinary.locate(),
            "OPENAI_API_KEY": "sk-doctor-codex-secret",
        ]
        let ready = try ProcessRunner.run([binary.path, "doctor"], environment: job)
        #expect(ready.status == 0, "\(ready.stdout)\n\(ready.stderr)")
        #expect(ready.stdout.contains("codex-cli 0.147.0"), "\(ready.stdout)")
        #expect(ready.stdout.contains("OPENAI_API_KEY is set"))
        #expect(!ready.stdout.contains("sk-doctor-codex-secret"))

        var bare = job
        bare["OPENAI_API_KEY"] = ""
        bare["CONVEYOR_CODEX_BIN"] = scratch.appending("missing-codex").path
        let missing = try ProcessRunner.run([binary.path, "doctor"], environment: bare)
        #expect(missing.status == 1)
        #expect(
            missing.stdout.contains("FAIL agent-cli") && missing.stdout.contains("missing-codex"), "\(missing.stdout)")
        #expect(missing.stdout.contains("FAIL agent-key") && missing.stdout.contains("OPENAI_API_KEY"))
    }
}
