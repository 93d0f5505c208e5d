import Foundation

/// The Claude Code command line Conveyor runs: print mode, JSON result, file tools only, no prompts.
///
/// `claude -p --output-format json --restricted --permission-mode acceptEdits --tools Read,Write,Edit,Glob,Grep
/// --allowedTools Read,Write,Edit,Glob,Grep [--model M] [--max-turns N] [--max-budget-usd D] [--debug-file F]`, with
/// the prompt on standard input and the work tree as the current directory.
///
/// - `--tools` removes every other built-in tool (no Bash, no web, no sub-agents) from what the model is offered.
/// - `--restricted` confines the file tools to the working directory and ignores user/project/local settings, so
///   a repository's `.claude/settings.json` cannot widen the agent's permissions. Without it, an allowed `Write`
///   may write anywhere on the machine (measured with CLI 2.1.330); with it a write outside the work tree is
///   refused and listed in the result's `permission_denials`.
/// - `--permission-mode acceptEdits` plus the allowlist lets the agent edit files without anyone to approve.
/// - `--dangerously-skip-permissions` is never passed by default and never as root (the CLI itself refuses it as
///   root: "cannot be used with root/sudo privileges"). For a sandboxed non-root runner that asks for it, it
///   replaces `--restricted --permission-mode acceptEdits`, because the CLI rejects the combination
///   ("bypassPermissions not supported in restricted mode"); the file tools are then no longer confined to the
///   work tree.
enum ClaudeCommandLine {
    /// The only tools the agent gets.
    static let fileTools = "Read,Write,Edit,Glob,Grep"

    /// The arguments after the program name.
    ///
    /// - Parameter runningAsRoot: whether Conveyor runs as uid 0.
    /// - Throws: ``AgentError/Code/unsafeAsRoot`` when `skipPermissionChecks` is asked for as root.
    static func arguments(
        model: String?, maxTurns: Int?, skipPermissionChecks: Bool, runningAsRoot: Bool
    ) throws(AgentError) -> [String] {
        var arguments = ["-p", "--output-format", "json"]
        if skipPermissionChecks {
            guard !runningAsRoot else {
                throw AgentError(
                    code: .unsafeAsRoot,
                    message: "Refusing to run Claude Code with --dangerously-skip-permissions as root. Run the job "
                        + "as an unprivileged user, or turn skipping permission checks off: the file tools are "
                        + "already allowed in the work tree.")
            }
            arguments.append("--dangerously-skip-permissions")
        } else {
            arguments += ["--restricted", "--permission-mode", "acceptEdits"]
        }
        arguments += ["--tools", fileTools, "--allowedTools", fileTools]
        if let model, !model.isEmpty { arguments += ["--model", model] }
        if let maxTurns { arguments += ["--max-turns", String(maxTurns)] }
        return arguments
    }

    /// `--max-budget-usd <dollars>` when the run has a dollar ceiling (the CLI stops once its own cost reaches it),
    /// and `--debug-file <path>` for a verbose run (the CLI's debug log goes to that file; standard output keeps
    /// only the JSON result).
    static func limits(maxBudgetUSD: Double?, debugFile: URL?) -> [String] {
        var arguments: [String] = []
        if let maxBudgetUSD { arguments += ["--max-budget-usd", String(format: "%.6f", max(0, maxBudgetUSD))] }
        if let debugFile { arguments += ["--debug-file", debugFile.path] }
        return arguments
    }
}
