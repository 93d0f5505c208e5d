import Actions
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the Claude Code CLI (see ``ClaudeCommandLine`` for the exact command) and judges its JSON result.
///
/// What the CLI needs to run unattended, as root, with a fresh `HOME` (measured with Claude Code 2.1.330 from
/// `claude-agent-sdk` 0.2.187):
/// - `-p` (print mode) skips the workspace-trust dialog and onboarding; an empty `HOME` is enough, the CLI creates
///   `~/.claude.json` and `~/.claude/` (session transcripts under `projects/`).
/// - Credentials: `ANTHROPIC_API_KEY` (or `ANTHROPIC_AUTH_TOKEN`); `ANTHROPIC_BASE_URL` moves the API. Both pass
///   the environment scrubbing.
/// - As root, `--dangerously-skip-permissions` is refused by the CLI; `--permission-mode acceptEdits` with the
///   file-tool allowlist works.
/// - It calls only `POST /v1/messages?beta=true`, streaming, when `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1`,
///   `DISABLE_TELEMETRY=1` and `DISABLE_AUTOUPDATER=1` are set.
/// - Failed model calls are retried with backoff by default (a 401 kept it busy for over two minutes);
///   `CLAUDE_CODE_MAX_RETRIES` bounds that. The wall-clock timeout bounds it in any case.
/// - It exits 1 with a result whose `is_error` is true on API errors, on `error_max_turns` and on
///   `error_max_budget_usd` (`--max-budget-usd` reached: it stops after the model call that reached it, and that
///   result's `usage` holds only the last call, while `modelUsage` holds the whole run).
enum ClaudeAgent {
    /// What to tell a user whose machine has no `claude`.
    static let installHint =
        "Install it with `scripts/install-agent-clis` (PyPI `claude-agent-sdk` bundles the CLI) and set "
        + "the agent's executable to the path it prints, or put `claude` on PATH."

    /// Runs `invocation` with Claude Code.
    static func run(_ invocation: AgentInvocation) async throws(AgentError) -> AgentOutcome {
        let transcript = try AgentTranscript.prepare(in: invocation.logDirectory, prompt: invocation.prompt)
        var arguments = try ClaudeCommandLine.arguments(
            model: invocation.model, maxTurns: invocation.maxTurns,
            skipPermissionChecks: invocation.skipPermissionChecks, runningAsRoot: geteuid() == 0)
        arguments += ClaudeCommandLine.limits(
            maxBudgetUSD: invocation.spendCeiling?.usd,
            debugFile: invocation.verboseLogging ? transcript.claudeDebugLog : nil)
        let scrubbed = ChildEnvironment(
            for: ChildEnvironment.claudeAgent, allowing: invocation.allowedCredentials,
            withholdingValues: invocation.withheldSecrets
        ).scrub(invocation.environment)
        let environment = boundedRetries(scrubbed.kept).merging(invocation.verboseVariables) { $1 }
        let executable = try ExecutableLocator.locate(
            invocation.claudeExecutable, environment: environment, workDirectory: invocation.workDirectory,
            hint: installHint)
        if invocation.verboseLogging { try? FileManager.default.removeItem(at: transcript.claudeDebugLog) }
        let exit = try await ProcessGroupRunner.run(
            ProcessLaunch(
                executable: executable, arguments: arguments, environment: environment,
                workingDirectory: invocation.workDirectory, standardInput: transcript.promptFile,
                standardOutput: transcript.standardOutput, standardError: transcript.standardError,
                timeout: invocation.timeout, terminationGrace: invocation.terminationGrace))
        let parsed = AgentReport.parse(AgentTranscript.text(of: transcript.standardOutput))
        if let sessionID = try? parsed.get().sessionID {
            transcript.keepClaudeSession(sessionID, home: scrubbed.kept["HOME"])
        }
        return AgentOutcome(
            status: AgentStatus.judge(exit, report: parsed), exit: exit, report: try? parsed.get(),
            transcript: transcript, withheldVariables: scrubbed.removed)
    }

    /// The CLI's own retry limits, set unless the job set them: without them an unreachable or overloaded model
    /// API keeps the CLI retrying for many minutes before it reports the outage. Read from the bundled CLI
    /// (2.1.x): `CLAUDE_CODE_MAX_RETRIES` caps retries of a failed model call, `API_TIMEOUT_MS` one call's time.
    static let retryLimits = ["CLAUDE_CODE_MAX_RETRIES": "2", "API_TIMEOUT_MS": "300000"]

    /// `environment` with ``retryLimits`` added where it does not set them.
    static func boundedRetries(_ environment: [String: String]) -> [String: String] {
        environment.merging(retryLimits) { own, _ in own }
    }
}
