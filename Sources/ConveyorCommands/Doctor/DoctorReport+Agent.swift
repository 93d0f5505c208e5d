import Agents
import Foundation

extension DoctorReport {
    /// Findings about the agent a job would run (`CONVEYOR_AGENT`, else `claude`): for `claude` and `codex`, its CLI
    /// (found, and the version it reports) and its model credentials, by variable name only. The `offline` and `command` agents need no
    /// check here. Missing pieces fail inside an Actions job and warn outside one.
    ///
    /// - Parameter version: runs the found program with `--version` and returns its first line, nil on failure.
    static func agentChecks(
        variables: [String: String], isActions: Bool, version: (URL) -> String?
    ) -> [DoctorCheck] {
        let missing: DoctorCheck.Status = isActions ? .failure : .warning
        let name = variables["CONVEYOR_AGENT"].flatMap { $0.isEmpty ? nil : $0 } ?? AgentKind.claude.rawValue
        guard let kind = AgentKind(rawValue: name) else {
            return [
                DoctorCheck(
                    name: "agent", status: .failure, value: "\(name) (unknown)",
                    fix: "Set CONVEYOR_AGENT to one of \(AgentKind.allNamesList).")
            ]
        }
        guard kind == .claude || kind == .codex else {
            return [DoctorCheck(name: "agent", status: .ok, value: "\(kind): no CLI or key to check")]
        }
        var checks = [DoctorCheck(name: "agent", status: .ok, value: kind.rawValue)]
        let (variable, cli) = kind == .codex ? ("CONVEYOR_CODEX_BIN", "Codex") : ("CONVEYOR_CLAUDE_BIN", "Claude Code")
        let program = variables[variable].flatMap { $0.isEmpty ? nil : $0 } ?? kind.rawValue
        let located =
            kind == .codex
            ? AgentReadiness.locateCodex(program, environment: variables)
            : AgentReadiness.locateClaude(program, environment: variables)
        switch located {
        case .success(let url):
            if let found = version(url) {
                checks.append(DoctorCheck(name: "agent-cli", status: .ok, value: "\(url.path), \(found)"))
            } else {
                checks.append(
                    DoctorCheck(
                        name: "agent-cli", status: missing, value: "\(url.path) does not answer `--version`",
                        fix: "Reinstall the \(cli) CLI, or point \(variable) at a working one."))
            }
        case .failure(let error):
            checks.append(
                DoctorCheck(
                    name: "agent-cli", status: missing, value: "\(program) not found",
                    fix: error.description))
        }
        let present = AgentReadiness.keyVariables(for: kind).filter { !(variables[$0] ?? "").isEmpty }
        if let first = present.first {
            checks.append(DoctorCheck(name: "agent-key", status: .ok, value: "\(first) is set"))
        } else {
            checks.append(
                DoctorCheck(
                    name: "agent-key", status: missing, value: "none set",
                    fix: AgentReadiness.missingKey(for: kind, in: variables)))
        }
        return checks
    }

    /// The first line `program --version` prints within ten seconds, or nil.
    static func programVersion(_ program: URL) -> String? {
        let process = Process()
        process.executableURL = program
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { return nil }
        guard exited.wait(timeout: .now() + 10) == .success else {
            process.terminate()
            return nil
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0,
            let line = output.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces), !line.isEmpty
        else { return nil }
        return line
    }
}
