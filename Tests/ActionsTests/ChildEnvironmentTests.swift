import Actions
import Testing

/// The one allow-list that decides what an agent or a gate command finds in its environment.
@Suite("Child environment")
struct ChildEnvironmentTests {
    private let claude = ChildEnvironment(for: ChildEnvironment.claudeAgent)
    private let command = ChildEnvironment(for: ChildEnvironment.commandAgent)
    private let gate = ChildEnvironment(for: .gateCommand)

    @Test(
        "Forge, runner and job-file variables never pass, to an agent or a gate command",
        arguments: [
            "GITHUB_TOKEN", "GITEA_TOKEN", "GH_TOKEN", "CONVEYOR_TOKEN", "INPUT_TOKEN", "ACTIONS_RUNTIME_TOKEN",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_RUNTIME_URL",
            "ACTIONS_CACHE_URL", "ACTIONS_RESULTS_URL", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT",
            "GITHUB_STEP_SUMMARY", "GITHUB_STATE", "GITHUB_EVENT_PATH", "SSH_AUTH_SOCK", "NPM_TOKEN", "DB_PASSWORD",
            "SMTP_PASS", "WEBHOOK_SECRET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "GOOGLE_APPLICATION_CREDENTIALS", "SSH_PRIVATE_KEY", "STRIPE_API_KEY", "MISTRAL_API_KEY", "github_token",
            "INPUT_STAGE", "CONVEYOR_VARS",
        ])
    func withholds(name: String) {
        #expect(!claude.allows(name: name, value: "value"))
        #expect(!command.allows(name: name, value: "value"))
        #expect(!gate.allows(name: name, value: "value"))
    }

    @Test("An agent gets its own model credentials; a gate command gets none")
    func agentCredentialsAreTheAgentsOwn() {
        for name in ["ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "CLAUDE_CODE_MAX_RETRIES"] {
            #expect(claude.allows(name: name, value: "sk-whatever"), "\(name)")
            #expect(!gate.allows(name: name, value: "sk-whatever"), "\(name)")
        }
        #expect(!claude.allows(name: "OPENAI_API_KEY", value: "sk-other"))
        #expect(command.allows(name: "OPENAI_API_KEY", value: "sk-other"))
        #expect(command.allows(name: "CODEX_HOME", value: "/tmp/codex"))
    }

    @Test("A value holding the job's token, a token shape or a URL password is withheld under any name")
    func withholdsByValue() {
        let token = Secret("tok3n-value-1234")
        let scrubber = ChildEnvironment(for: ChildEnvironment.claudeAgent, withholdingValues: [token])
        #expect(!scrubber.allows(name: "HOME", value: "/home/tok3n-value-1234"))
        #expect(!scrubber.allows(name: "ANTHROPIC_BASE_URL", value: "http://x:tok3n-value-1234@host"))
        #expect(!gate.allows(name: "GITHUB_SERVER_URL", value: "https://x-access-token:abc@github.com"))
        #expect(!gate.allows(name: "HTTPS_PROXY", value: "http://user:pw@proxy.invalid:3128"))
        #expect(!gate.allows(name: "PATH", value: "ghp_0123456789abcdef"))
        #expect(gate.allows(name: "GITHUB_SERVER_URL", value: "https://github.com"))
        #expect(gate.allows(name: "HTTPS_PROXY", value: "http://proxy.invalid:3128"))
    }

    @Test("The basics pass: PATH, HOME, LANG, LC_*, TMPDIR and the non-secret job context")
    func keepsTheBasics() {
        let parent = [
            "PATH": "/usr/bin", "HOME": "/home/runner", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TMPDIR": "/tmp",
            "GITHUB_REPOSITORY": "o/r", "GITHUB_EVENT_NAME": "issues", "RUNNER_TEMP": "/tmp/runner",
            "GITHUB_WORKSPACE": "/w", "GITHUB_TOKEN": "ghs_x", "GITHUB_ENV": "/tmp/env", "SSH_AUTH_SOCK": "/tmp/a",
        ]
        let (kept, removed) = gate.scrub(parent)
        #expect(removed == ["GITHUB_ENV", "GITHUB_TOKEN", "SSH_AUTH_SOCK"])
        #expect(kept.count == parent.count - 3)
    }

    @Test("Configuration can allow more names for an agent, but never a forge credential")
    func extraAllowlist() {
        let scrubber = ChildEnvironment(
            for: ChildEnvironment.commandAgent, allowing: ["OPENROUTER_TOKEN", "GITHUB_TOKEN", "ACTIONS_RUNTIME_URL"])
        #expect(scrubber.allows(name: "OPENROUTER_TOKEN", value: "or-1"))
        #expect(!scrubber.allows(name: "GITHUB_TOKEN", value: "ghs_1"))
        #expect(!scrubber.allows(name: "ACTIONS_RUNTIME_URL", value: "https://runtime.invalid"))
        #expect(
            !ChildEnvironment(for: .gateCommand, allowing: ["OPENROUTER_TOKEN"]).allows(
                name: "OPENROUTER_TOKEN", value: "or-1"))
    }

    @Test("What Conveyor takes out of its own environment at start-up")
    func credentialsTakenAtStartUp() {
        for name in [
            "GITHUB_TOKEN", "CONVEYOR_TOKEN", "ACTIONS_RUNTIME_TOKEN", "ANTHROPIC_API_KEY", "DB_PASSWORD", "SMTP_PASS",
            "GITHUB_ENV", "GITHUB_OUTPUT", "SSH_AUTH_SOCK",
        ] {
            #expect(ChildEnvironment.isCredential(name: name, value: "v"), "\(name)")
        }
        #expect(ChildEnvironment.isCredential(name: "REMOTE", value: "https://u:p@host.invalid"))
        for name in ["PATH", "GITHUB_EVENT_PATH", "RUNNER_TEMP", "CONVEYOR_AGENT"] {
            #expect(!ChildEnvironment.isCredential(name: name, value: "/x"), "\(name)")
        }
    }
}
