import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the Claude Code CLI (see ``ClaudeCommandLine`` for the exact command) and judges its JSON result.
enum ClaudeAgent {
    /// What to tell a user whose machine has no `claude`.
    static let installHint =
        "Install it with `scripts/install-agent-clis` (PyPI `claude-agent-sdk` bundles the CLI) and set "
        + "the agent's executable to the path it prints, or put `claude` on PATH."

    /// Runs `invocation` with Claude Code.
    static func run(_ invocation: AgentInvocation) async throws(AgentError) -> AgentOutcome {
        let arguments = try ClaudeCommandLine.arguments(
            model: invocation.model, maxTurns: invocation.maxTurns,
            skipPermissionChecks: invocation.skipPermissionChecks, runningAsRoot: geteuid() == 0)
        let scrubbed = AgentEnvironment(allowing: invocation.allowedCredentials).scrub(invocation.environment)
        let executable = try ExecutableLocator.locate(
            invocation.claudeExecutable, environment: scrubbed.kept, workDirectory: invocation.workDirectory,
            hint: installHint)
        let transcript = try AgentTranscript.prepare(in: invocation.logDirectory, prompt: invocation.prompt)
        let exit = try await ProcessGroupRunner.run(
            ProcessLaunch(
                executable: executable, arguments: arguments, environment: scrubbed.kept,
                workingDirectory: invocation.workDirectory, standardInput: transcript.promptFile,
                standardOutput: transcript.standardOutput, standardError: transcript.standardError,
                timeout: invocation.timeout, terminationGrace: invocation.terminationGrace))
        let parsed = AgentReport.parse(AgentTranscript.text(of: transcript.standardOutput))
        return AgentOutcome(
            status: AgentStatus.judge(exit, report: parsed), exit: exit, report: try? parsed.get(),
            transcript: transcript, withheldVariables: scrubbed.removed)
    }
}
