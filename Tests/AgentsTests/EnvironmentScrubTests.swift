import Agents
import Testing

/// The rule that decides which variables an agent sees.
@Suite("Environment scrubbing")
struct EnvironmentScrubTests {
    private let scrubber = AgentEnvironment()

    @Test(
        "Forge, runner and secret-named variables are removed",
        arguments: [
            "GITHUB_TOKEN", "GITEA_TOKEN", "GH_TOKEN", "CONVEYOR_TOKEN", "INPUT_TOKEN", "ACTIONS_RUNTIME_TOKEN",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_RUNTIME_URL", "NPM_TOKEN",
            "DB_PASSWORD", "WEBHOOK_SECRET", "AWS_SECRET_ACCESS_KEY", "GOOGLE_APPLICATION_CREDENTIALS",
            "SSH_PRIVATE_KEY", "github_token", "MY_TOKEN_FILE",
        ])
    func removesByName(name: String) {
        #expect(!scrubber.allows(name: name, value: "value"))
    }

    @Test(
        "Agent credentials pass although they look like secrets",
        arguments: [
            "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL",
            "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CODE_USE_BEDROCK", "CODEX_HOME",
        ])
    func keepsAgentCredentials(name: String) {
        #expect(scrubber.allows(name: name, value: "sk-whatever"))
    }

    @Test("Values that carry a forge token are removed whatever the name")
    func removesByValue() {
        #expect(!scrubber.allows(name: "GITHUB_SERVER_URL", value: "https://x-access-token:abc@github.com"))
        #expect(!scrubber.allows(name: "SOME_VAR", value: "ghp_0123456789abcdef"))
        #expect(!scrubber.allows(name: "GITEA_REMOTE", value: "github_pat_11AAAA"))
        #expect(scrubber.allows(name: "GITHUB_SERVER_URL", value: "https://github.com"))
        #expect(scrubber.allows(name: "REPO_URL", value: "https://user@host.invalid/path"))
        #expect(scrubber.allows(name: "NOTE", value: "see https://host.invalid/a:b@c"))
    }

    @Test("Ordinary variables pass: PATH, HOME, LANG, TMPDIR and the non-secret GITHUB_* context")
    func keepsOrdinaryVariables() {
        let parent = [
            "PATH": "/usr/bin", "HOME": "/home/runner", "LANG": "C.UTF-8", "TMPDIR": "/tmp",
            "GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_NAME": "issues", "RUNNER_TEMP": "/tmp/runner",
            "GITHUB_TOKEN": "ghs_x",
        ]
        let (kept, removed) = scrubber.scrub(parent)
        #expect(removed == ["GITHUB_TOKEN"])
        #expect(kept.count == parent.count - 1)
    }

    @Test("Configuration can allow more names, but never a forge credential")
    func extraAllowlist() {
        let scrubber = AgentEnvironment(allowing: ["OPENROUTER_TOKEN", "GITHUB_TOKEN"])
        #expect(scrubber.allows(name: "OPENROUTER_TOKEN", value: "or-1"))
        #expect(!scrubber.allows(name: "GITHUB_TOKEN", value: "ghs_1"))
    }
}
