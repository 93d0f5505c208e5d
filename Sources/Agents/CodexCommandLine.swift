/// The Codex CLI command line Conveyor runs: `codex exec --json --skip-git-repo-check --sandbox workspace-write -`,
/// in the work tree, with the prompt file as standard input.
///
/// - `exec` runs one turn unattended; approvals are `never` in exec mode (and in the written `config.toml`).
/// - `--json` prints the events ``CodexEvents`` reads, one per line, on standard output.
/// - `--skip-git-repo-check`: without it the CLI exits 1 with no output when the directory is not a git repository
///   it trusts.
/// - `--sandbox workspace-write` lets tool commands write only in the work tree; the written `config.toml` also
///   takes `/tmp` and `$TMPDIR` out of the writable places (``CodexConfiguration``). The sandbox needs `bwrap`
///   (Debian's `bubblewrap`) on `PATH`: without it every tool call exits 101 while the CLI exits 0, which
///   ``CodexEvents/report(model:prices:)`` judges a failure.
/// - `-` reads the prompt from standard input, which is the prompt file: a regular file ends at once, so the CLI
///   never waits (an open pipe would keep it waiting for EOF), and a prompt longer than one command-line argument
///   may be (128 KiB on Linux) still arrives whole.
/// - Skipping permission checks asks for `--sandbox danger-full-access` instead (no sandbox at all); like for
///   Claude it is refused as root.
enum CodexCommandLine {
    /// The arguments after the program name.
    ///
    /// - Parameter runningAsRoot: whether Conveyor runs as uid 0.
    /// - Throws: ``AgentError/Code/unsafeAsRoot`` when `skipPermissionChecks` is asked for as root.
    static func arguments(skipPermissionChecks: Bool, runningAsRoot: Bool) throws(AgentError) -> [String] {
        if skipPermissionChecks && runningAsRoot {
            throw AgentError(
                code: .unsafeAsRoot,
                message: "Refusing to run the Codex CLI without its sandbox (danger-full-access) as root. Run the job "
                    + "as an unprivileged user, or turn skipping permission checks off: the workspace-write sandbox "
                    + "already lets the agent write in the work tree.")
        }
        let sandbox = skipPermissionChecks ? "danger-full-access" : "workspace-write"
        return ["exec", "--json", "--skip-git-repo-check", "--sandbox", sandbox, "-"]
    }
}
