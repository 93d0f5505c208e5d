import Documents
import Foundation
import Gates
import Pipeline
import StateBranch

// MARK: - Documents Conveyor writes from facts

extension StageJob {
    /// Writes `change-summary.md` for the dev stage from what Conveyor saw: the files changed, every command of
    /// the last attempt with its exit, and every attempt. Whatever the agent wrote there is replaced.
    func writeChangeSummary(
        _ workspace: Workspace, files: Set<String>, runs: [CommandRun], attempts: [DevAttempt]
    ) throws {
        guard let requirement = request.stage.artifacts.first(where: { $0.type == "change-summary" }) else { return }
        let path = requirement.path(forWorkItem: request.workItem.number)
        let shownFiles = files.filter { $0 != path }.sorted()
        var lines = header(type: "change-summary")
        lines.append("files_changed:" + (shownFiles.isEmpty ? " []" : ""))
        lines += shownFiles.map { "  - \(Self.yaml($0))" }
        lines += commandRows(runs)
        lines.append("attempts:" + (attempts.isEmpty ? " []" : ""))
        for attempt in attempts {
            lines.append("  - number: \(attempt.number)")
            lines.append("    status: \(attempt.status)")
            if let failed = attempt.failedCommand { lines.append("    failed_command: \(Self.yaml(failed))") }
            if let ci = attempt.ci { lines.append("    ci: \(ci)") }
        }
        lines += [
            "---", "# Change summary", "", "Written by Conveyor from what it ran; the agent did not write it.", "",
        ]
        lines.append("Files changed: \(shownFiles.count). Attempts: \(attempts.count).")
        try Self.write(lines.joined(separator: "\n") + "\n", to: path, in: workspace)
    }

    /// Writes `test-report.md` for the qa stage: `result` is `pass` when every command exited 0, `fail` when one
    /// exited non-zero, was signalled or timed out, `blocked` when none ran, one could not start, or the test plan
    /// named a command that is not configured. Whatever the agent wrote there is replaced.
    func writeTestReport(_ workspace: Workspace, runs: [CommandRun], unknown: [String]) throws {
        guard let requirement = request.stage.artifacts.first(where: { $0.type == "test-report" }) else { return }
        let path = requirement.path(forWorkItem: request.workItem.number)
        let result = Self.testResult(runs, unknown: unknown)
        var lines = header(type: "test-report")
        lines.append("result: \(result)")
        lines += commandRows(runs)
        if !unknown.isEmpty { lines.append("unknown_commands: [\(unknown.map(Self.yaml).joined(separator: ", "))]") }
        lines += [
            "---", "# Test report", "",
            "Written by Conveyor: `result` comes from the exit codes of the commands below, never from prose.", "",
            "| command | run | exit | seconds |", "|---|---|---|---|",
        ]
        lines += runs.map { run in
            "| `\(run.command.name)` | `\(run.command.shown.replacingOccurrences(of: "|", with: "\\|"))` | "
                + "\(run.exitCode.map(String.init) ?? "\(run.exit)") | \(String(format: "%.1f", run.seconds)) |"
        }
        try Self.write(lines.joined(separator: "\n") + "\n", to: path, in: workspace)
    }

    /// `pass`, `fail` or `blocked` from exit codes alone.
    static func testResult(_ runs: [CommandRun], unknown: [String]) -> String {
        if runs.isEmpty || !unknown.isEmpty { return "blocked" }
        if runs.contains(where: { if case .couldNotStart = $0.exit { true } else { false } }) { return "blocked" }
        return runs.allSatisfy { $0.exit.succeeded } ? "pass" : "fail"
    }

    private func header(type: String) -> [String] {
        let number = request.workItem.number
        return [
            "---", "doc_id: WI-\(number)-\(type)", "type: \(type)", "status: draft",
            "owner_role: \(request.stage.role.rawValue)", "stage: \(request.stage.name.rawValue)",
            "work_item: \(number)", "related_issues: [\(number)]", "version: 1",
            "generated_by: {agent: conveyor, run_id: \(Self.yaml(request.runID))}",
        ]
    }

    private func commandRows(_ runs: [CommandRun]) -> [String] {
        var lines = ["commands:" + (runs.isEmpty ? " []" : "")]
        for run in runs {
            let (code, result) = Self.row(for: run.exit)
            lines.append("  - name: \(Self.yaml(run.command.name))")
            lines.append("    run: \(Self.yaml(run.command.shown))")
            lines.append("    exit_code: \(code)")
            lines.append("    result: \(result)")
            lines.append("    seconds: \(String(format: "%.1f", run.seconds))")
        }
        return lines
    }

    /// The `exit_code` and `result` of a command's row, from one switch over its exit. (Reading `exitCode` and
    /// `succeeded` of the same borrowed run made Swift 6.3.1's optimizer fail its ownership verification in release
    /// builds.)
    private static func row(for exit: CommandExit) -> (code: String, result: String) {
        switch exit {
        case .exited(0): ("0", "passed")
        case .exited(let status): (String(status), "failed")
        case .signalled: ("null", "signalled")
        case .timedOut: ("null", "timed_out")
        case .couldNotStart: ("null", "not_started")
        }
    }

    private static func write(_ text: String, to path: String, in workspace: Workspace) throws {
        let file = workspace.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file, options: .atomic)
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
    static func yaml(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
